using System.CommandLine;

using LevBacktest.Core.Data;

namespace LevBacktest.Cli;

/// <summary>
/// The options that say how to read market-data files, shared by <c>run</c>, <c>data validate</c>, <c>data cat</c> and
/// <c>data inspect</c>: <c>--symbol</c> and one <c>--…-column NAME</c> per column role, mapped exactly as the spec's
/// <c>data.columns</c> roles (<see cref="ColumnMapping"/>). Bar roles (time, open, high, low, close, symbol) apply to
/// the price and mark-price files, volume to the price file; the funding roles (<c>--funding-time-column</c>,
/// <c>--rate-column</c>, <c>--mark-price-column</c>, and symbol) to the funding file. On a single file of either kind
/// (data validate/cat/inspect) <c>--time-column</c> names its time column and <c>--funding-time-column</c> is its
/// fallback. Every option a loader error suggests is one of these.
/// </summary>
internal sealed class MarketDataOptions
{
    private readonly Option<string?> _symbol = new("--symbol") { Description = "Symbol to keep from files that hold several (ignoring case); else a multi-symbol file is an error." };
    private readonly Option<string?> _symbolColumn = Column("--symbol-column", "the symbol of each row (default: canonical_symbol, venue_symbol or symbol)");
    private readonly Option<string?> _time = Column("--time-column", "the bar open time of the price and mark-price files");
    private readonly Option<string?> _open = Column("--open-column", "the open price");
    private readonly Option<string?> _high = Column("--high-column", "the high price");
    private readonly Option<string?> _low = Column("--low-column", "the low price");
    private readonly Option<string?> _close = Column("--close-column", "the close price");
    private readonly Option<string?> _volume = Column("--volume-column", "the volume of the price file");
    private readonly Option<string?> _fundingTime = Column("--funding-time-column", "the settlement time of the funding file");
    private readonly Option<string?> _rate = Column("--rate-column", "the funding rate (fraction per interval)");
    private readonly Option<string?> _markPrice = Column("--mark-price-column", "the funding file's mark price at settlement");

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new[] { _symbol, _symbolColumn, _time, _open, _high, _low, _close, _volume, _fundingTime, _rate, _markPrice })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The values given on the command line.</summary>
    public MarketDataChoices Read(ParseResult parse) => new()
    {
        Symbol = parse.GetValue(_symbol),
        SymbolColumn = parse.GetValue(_symbolColumn),
        Time = parse.GetValue(_time),
        Open = parse.GetValue(_open),
        High = parse.GetValue(_high),
        Low = parse.GetValue(_low),
        Close = parse.GetValue(_close),
        Volume = parse.GetValue(_volume),
        FundingTime = parse.GetValue(_fundingTime),
        Rate = parse.GetValue(_rate),
        MarkPrice = parse.GetValue(_markPrice),
    };

    private static Option<string?> Column(string name, string what) => new(name) { Description = $"Column holding {what}.", HelpName = "NAME" };
}
