namespace Calfwise.Screening;

/// <summary>Marks the screening assembly (for tests and for finding the views shipped with it).</summary>
public static class ScreeningAssembly;
