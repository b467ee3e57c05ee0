using LevBacktest.Core.Data;
using LevBacktest.Core.Instruments;
using LevBacktest.Core.Margin;
using LevBacktest.Core.Strategies;

namespace LevBacktest.Core.Portfolio;

/// <summary>
/// One perpetual of a portfolio: its bars (with mark prices and funding), its tier table, its strategy (signal and
/// stop rule) and its fixed weight. Every instrument of a portfolio settles in the same asset (see
/// <see cref="SettlementAsset"/>).
/// </summary>
/// <param name="Data">Bars, mark prices and funding of the instrument; the bar interval must be the portfolio's.</param>
/// <param name="Brackets">Its leverage brackets (tiers), in force from its first bar at the latest. Inverse: notionals and
/// maintenance amounts in the coin (COIN-M table).</param>
/// <param name="Side">+1 long or −1 short: the side held when <see cref="Signal"/> is null (buy-and-hold from the first
/// bar's close). Ignored when a signal is given.</param>
/// <param name="Weight">Share of the target gross leverage under <see cref="PortfolioWeighting.Fixed"/>, &gt; 0; normalised over
/// the instruments whose signals want a position. Ignored by the other weightings.</param>
public sealed record PortfolioInstrument(MarketData Data, LeverageBracketSchedule Brackets, int Side = 1, double Weight = 1)
{
    /// <summary>
    /// The instrument's direction rule, asked at each of its own bar closes (its bar index, as in a single run), or
    /// null to hold <see cref="Side"/>. The engine calls <see cref="ISignal.Prepare"/> with <see cref="Data"/>: give each
    /// run its own instance (instances are not thread-safe).
    /// </summary>
    public ISignal? Signal { get; init; }

    /// <summary>The instrument's stop rule (per position, as in a single run), or null for none. Prepared by the engine.</summary>
    public IStopLoss? StopLoss { get; init; }

    /// <summary>Linear (default) or inverse contract. Every instrument of one portfolio must have the same kind.</summary>
    public ContractKind Contract { get; init; } = ContractKind.Linear;

    /// <summary>Inverse only: USD face value of one contract (Binance COIN-M BTCUSD 100, ETHUSD 10), &gt; 0. NaN for linear.</summary>
    public double ContractSize { get; init; } = double.NaN;

    /// <summary>
    /// The asset the instrument's margin, PnL, fees and funding are in: null means "USDT" for a linear contract; an inverse
    /// contract must name its coin ("BTC" for BTCUSD). All instruments of one portfolio must name the same asset: one wallet
    /// holds one asset, and the engine does not convert between assets.
    /// </summary>
    public string? SettlementAsset { get; init; }

    /// <summary>The settlement asset in force: <see cref="SettlementAsset"/>, or "USDT" for a linear contract that names none.</summary>
    public string? ResolvedSettlementAsset => SettlementAsset ?? (Contract == ContractKind.Linear ? "USDT" : null);
}
