using LevBacktest.Core.Data;
using LevBacktest.Core.Margin;

namespace LevBacktest.Core.Portfolio;

/// <summary>One linear USDT-margined perpetual of a portfolio: its bars, its tier table, the side held and its weight.</summary>
/// <param name="Data">Bars, mark prices and funding of the instrument; the bar interval must be the portfolio's.</param>
/// <param name="Brackets">Its leverage brackets (tiers).</param>
/// <param name="Side">+1 long or −1 short, held from the first bar's close to the end (buy-and-hold).</param>
/// <param name="Weight">Share of the target gross leverage, &gt; 0; weights are normalised to sum to 1.</param>
public sealed record PortfolioInstrument(MarketData Data, LeverageBracketSchedule Brackets, int Side, double Weight);
