using Calfwise.Core.Cases;
using Calfwise.Data;

namespace Calfwise.Web.Pages;

/// <summary>A page's save that may meet a per-person storage limit: the limit becomes a form error, never a server error.</summary>
public static class StorageLimit
{
    /// <summary>Runs the save; true when it saved, false with the limit's message added to <paramref name="errors"/>.</summary>
    public static async Task<bool> SaveAsync(Func<Task> save, List<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            await save().ConfigureAwait(false);
            return true;
        }
        catch (StorageLimitException e)
        {
            errors.Add(e.Error);
            return false;
        }
    }
}
