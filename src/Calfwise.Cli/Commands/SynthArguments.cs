using System.Globalization;
using Calfwise.Screening.Synth;

namespace Calfwise.Cli.Commands;

/// <summary>Checks the synth command's options and its output folder, each problem named with what is accepted.</summary>
internal static class SynthArguments
{
    /// <summary>The most numbered files of one resource type (a size limit: a folder of millions of files helps no one).</summary>
    private const int MaxFilesPerType = 10_000;

    public static (SynthOptions Options, string Directory)? Read(SynthSettings settings, CliIo io)
    {
        string? Problem()
        {
            if (!int.TryParse(settings.Patients, NumberStyles.Integer, CultureInfo.InvariantCulture, out var patients) || patients is < 1 or > SynthOptions.MaxPatients)
            {
                return $"--patients: must be a whole number from 1 to {SynthOptions.MaxPatients:N0}, not '{settings.Patients ?? "(missing)"}'";
            }

            if (string.IsNullOrWhiteSpace(settings.Output))
            {
                return "--output: the folder to write the export into is missing";
            }

            if (settings.Noise is not ("realistic" or "low"))
            {
                return $"--noise: must be realistic or low, not '{settings.Noise}'";
            }

            if (settings.PatientsPerFile is < 100 or > 1_000_000)
            {
                return $"--patients-per-file: must be from 100 to 1,000,000, not {settings.PatientsPerFile}";
            }

            if (((long)patients + settings.PatientsPerFile - 1) / settings.PatientsPerFile > MaxFilesPerType)
            {
                return $"--patients-per-file: {patients:N0} patients in files of {settings.PatientsPerFile:N0} make more than {MaxFilesPerType:N0} files of each type; raise it";
            }

            if (settings.AsOf is not null && !DateOnly.TryParseExact(settings.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return $"--as-of: must be a date as YYYY-MM-DD, not '{settings.AsOf}'";
            }

            return null;
        }

        if (Problem() is { } problem)
        {
            io.Error.WriteLine($"calfwise: {problem}");
            return null;
        }

        var asOf = settings.AsOf is null ? io.Today : DateOnly.ParseExact(settings.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var options = new SynthOptions(int.Parse(settings.Patients!, CultureInfo.InvariantCulture), settings.Seed, asOf)
        {
            Noise = settings.Noise == "low" ? NoiseLevel.Low : NoiseLevel.Realistic,
            Gzip = settings.Gzip,
            PatientsPerFile = settings.PatientsPerFile,
        };
        return (options, Path.GetFullPath(settings.Output!, io.WorkingDirectory));
    }

    /// <summary>Creates the folder, or checks it is empty (with --force, removes a previous export in it), and that it can be written; an exit code when not.</summary>
    public static int? PrepareDirectory(string directory, string written, bool force, CliIo io)
    {
        int Fail(string message)
        {
            io.Error.WriteLine($"calfwise: --output: {message}");
            return ExitCodes.BadInput;
        }

        try
        {
            if (File.Exists(directory))
            {
                return Fail($"'{written}' is a file; give a folder");
            }

            if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            {
                if (!force)
                {
                    return Fail($"folder '{written}' is not empty; choose an empty folder or add --force to replace the export in it");
                }

                foreach (var old in Directory.EnumerateFiles(directory).Where(IsExportFile).ToList())
                {
                    File.Delete(old);
                }
            }

            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, ".calfwise-write-check");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot write to folder '{written}': {e.Message}");
        }
    }

    private static bool IsExportFile(string path)
    {
        var name = Path.GetFileName(path);
        return name == "manifest.json" || name.EndsWith(".ndjson", StringComparison.Ordinal) || name.EndsWith(".ndjson.gz", StringComparison.Ordinal);
    }
}
