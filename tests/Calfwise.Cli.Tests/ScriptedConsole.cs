using Spectre.Console;
using Spectre.Console.Rendering;
using Spectre.Console.Testing;

namespace Calfwise.Cli.Tests;

/// <summary>
/// A console whose keyboard answers each prompt as it appears: the responder reads the output so far (the last line
/// is the prompt) and returns what a person would type. This drives the terminal interview through its real prompts.
/// </summary>
internal sealed class ScriptedConsole : IAnsiConsole
{
    private readonly TestConsole _inner;

    public ScriptedConsole(Func<string, string> responder)
    {
        _inner = new TestConsole().Width(1000).Interactive(); // wide enough that no prompt wraps
        _inner.Profile.Capabilities.Ansi = false;
        Input = new ScriptedInput(this, responder);
    }

    public string Output => _inner.Output;

    public Profile Profile => _inner.Profile;

    public IAnsiConsoleCursor Cursor => _inner.Cursor;

    public IAnsiConsoleInput Input { get; }

    public IExclusivityMode ExclusivityMode => _inner.ExclusivityMode;

    public RenderPipeline Pipeline => _inner.Pipeline;

    public void Clear(bool home) => _inner.Clear(home);

    public void Write(IRenderable renderable) => _inner.Write(renderable);

    public void WriteAnsi(Action<AnsiWriter> action) => _inner.WriteAnsi(action);

    private sealed class ScriptedInput(ScriptedConsole console, Func<string, string> responder) : IAnsiConsoleInput
    {
        private readonly Queue<ConsoleKeyInfo> _keys = new();
        private int _prompts;

        public bool IsKeyAvailable() => true;

        public ConsoleKeyInfo? ReadKey(bool intercept)
        {
            if (_keys.Count == 0)
            {
                if (++_prompts > 500)
                {
                    throw new InvalidOperationException("too many prompts: the interview does not end");
                }

                var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                foreach (var ch in responder(lines.Length == 0 ? "" : lines[^1]))
                {
                    _keys.Enqueue(new ConsoleKeyInfo(ch, ConsoleKey.NoName, false, false, false));
                }

                _keys.Enqueue(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false));
            }

            return _keys.Dequeue();
        }

        public Task<ConsoleKeyInfo?> ReadKeyAsync(bool intercept, CancellationToken cancellationToken) => Task.FromResult(ReadKey(intercept));
    }
}
