namespace LevBacktest.Core.Instruments;

/// <summary>How a perpetual is margined and settled (DESIGN.md "Instruments and margin", "Portfolios and inverse contracts").</summary>
public enum ContractKind
{
    /// <summary>Linear, USDT-margined: quantity in base units, money in USDT.</summary>
    Linear,

    /// <summary>Inverse, coin-margined: quantity in contracts of a USD face value, money in the coin.</summary>
    Inverse,
}
