namespace Calfwise.Web.Areas.Identity;

/// <summary>The progressive log-in delay per email address (<see cref="LoginThrottle"/> for its rules).</summary>
public interface ILoginThrottle
{
    /// <summary>Starts an attempt: zero when it may go ahead (counted as a failure until <see cref="Succeeded"/>), or how long attempts are still refused.</summary>
    TimeSpan Attempt(string email);

    /// <summary>How long attempts for this address are still refused; zero when one may be made now.</summary>
    TimeSpan Wait(string email);

    void Succeeded(string email);
}
