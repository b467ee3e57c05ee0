using LevBacktest.Core.Data;

namespace LevBacktest.Reporting.Reports;

/// <summary>The <c>portfolio</c> block of a portfolio's summary.json: the account's rules and its instruments.</summary>
/// <param name="MarginMode">cross or isolated.</param>
/// <param name="Sizing">equal, fixed or inverseVolatility.</param>
/// <param name="Rebalancing">none, periodic or band.</param>
/// <param name="SettlementAsset">USDT, or the coin of inverse contracts.</param>
/// <param name="Symbols">The instruments in spec order.</param>
/// <param name="NoBarSpans">Per instrument, where it had no bar on the portfolio's clock (UTC ms spans, end exclusive).</param>
public sealed record ResultsPortfolio(string MarginMode, string Sizing, string Rebalancing, string SettlementAsset, IReadOnlyList<string> Symbols, IReadOnlyList<IReadOnlyList<BarSpan>> NoBarSpans);
