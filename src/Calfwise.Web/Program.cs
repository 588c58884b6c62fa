using Calfwise.Web.Setup;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Find(typeof(Program).Assembly) });
builder.AddStartupMessages();
builder.AddCalfwise();

var app = builder.Build();
await app.PrepareDatabaseAsync().ConfigureAwait(false);
app.UseCalfwise();
return await StartupMessages.RunAsync(app, Console.Error).ConfigureAwait(false);

/// <summary>The web app's entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
