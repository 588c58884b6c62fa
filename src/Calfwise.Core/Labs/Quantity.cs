using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Labs;

/// <summary>An amount in a unit the knowledge base knows; <see cref="LabUnit.Code"/> is its UCUM code.</summary>
public readonly record struct Quantity(decimal Value, LabUnit Unit)
{
    /// <summary>The UCUM code of the unit, as stored (for example <c>ug/L</c>).</summary>
    public string Ucum => Unit.Code;

    /// <summary>The unit as shown to people (the micro prefix written µ).</summary>
    public string UnitDisplay => UnitText.Display(Unit.Code);

    public override string ToString() => $"{Value} {UnitDisplay}";
}
