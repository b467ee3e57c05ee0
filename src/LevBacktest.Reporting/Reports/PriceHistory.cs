using LevBacktest.Core.Data;

namespace LevBacktest.Reporting.Reports;

/// <summary>
/// Last and mark prices of the run window, for the price panels (liquidations, leverage decay over time).
/// They are not copied into the results folder: they are read back from the data files that
/// <c>summary.json</c> records, and only when every such file still exists with the recorded SHA-256, so a
/// report never draws prices the runs did not see.
/// </summary>
/// <param name="TimeMs">Bar open times, UTC epoch milliseconds, ascending.</param>
/// <param name="Close">Last-price close, USDT, same length.</param>
/// <param name="MarkClose">Mark-price close, USDT, same length; null without a mark file.</param>
/// <param name="FundingTimeMs">Funding settlement times in the window, UTC epoch milliseconds (empty without a funding file).</param>
/// <param name="FundingRate">Funding rates at those times, fraction per interval, same length.</param>
/// <param name="LiquidationHigh">Per bar, the high of the price liquidations are tested on (mark, else last price), USDT; length of <paramref name="TimeMs"/>.</param>
/// <param name="LiquidationLow">Per bar, the low of that price, USDT; same length.</param>
public sealed record PriceHistory(long[] TimeMs, double[] Close, double[]? MarkClose, long[] FundingTimeMs, double[] FundingRate, double[] LiquidationHigh, double[] LiquidationLow)
{
    /// <summary>
    /// Loads the prices of <paramref name="folder"/>'s window from its recorded data files, or returns null
    /// and adds one line to <paramref name="notes"/> saying why (file moved, changed or unreadable).
    /// </summary>
    /// <param name="folder">The results folder.</param>
    /// <param name="notes">Receives the reason when the prices cannot be used.</param>
    public static PriceHistory? TryLoad(ResultsFolder folder, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(notes);
        if (folder.Portfolio is not null)
        {
            notes.Add("price panels skipped: a portfolio has no one price (each instrument's is in its own files; exposure.png shows each position).");
            return null;
        }

        var prices = folder.Data.FileWithRole("prices");
        if (prices is null)
        {
            notes.Add("price panels skipped: summary.json records no price file.");
            return null;
        }

        var mark = folder.Data.FileWithRole("mark");
        var funding = folder.Data.FileWithRole("funding");
        foreach (var file in new[] { prices, mark, funding }.OfType<ResultsDataFile>())
        {
            if (!File.Exists(file.Path))
            {
                notes.Add($"price panels skipped: the {file.Role} file {file.Path} no longer exists.");
                return null;
            }

            string hash;
            try
            {
                hash = MarketDataLoader.Sha256OfFile(file.Path);
            }
            catch (IOException exception)
            {
                notes.Add($"price panels skipped: cannot read {file.Path} ({exception.Message}).");
                return null;
            }

            if (!string.Equals(hash, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                notes.Add($"price panels skipped: {file.Path} changed since the run (SHA-256 {hash[..12]}…, recorded {file.Sha256[..Math.Min(12, file.Sha256.Length)]}…).");
                return null;
            }
        }

        // Every run covers the data's bars (summary.json's first and last bar), so no equity curve has to be read for the span.
        if (folder.Data.BarCount == 0
            || !DateTimeOffset.TryParse(folder.Data.FirstBarOpenTime, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var firstBar)
            || !DateTimeOffset.TryParse(folder.Data.LastBarOpenTime, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var lastBar))
        {
            notes.Add("price panels skipped: the runs have no bars.");
            return null;
        }

        long first = firstBar.ToUnixTimeMilliseconds(), last = lastBar.ToUnixTimeMilliseconds();

        try
        {
            var loaded = MarketDataLoader.Load(new MarketDataRequest
            {
                PricesPath = prices.Path,
                MarkPath = mark?.Path,
                FundingPath = funding?.Path,
                Symbol = folder.Data.Symbol,
                FromMs = first,
                ToMs = last + folder.Data.BarIntervalMs,
                ResampleIntervalMs = folder.Data.ResampledFromIntervalMs is null ? null : folder.Data.BarIntervalMs,
                MarkPriceFallback = MissingMarkPolicy.FallBackToLastPrice,
            });
            var data = loaded.Data;
            return new PriceHistory(
                data.OpenTimeMs.ToArray(),
                data.Close.ToArray(),
                data.HasMarkPrice ? data.MarkClose.ToArray() : null,
                data.Funding.TimeMs.ToArray(),
                data.Funding.Rate.ToArray(),
                data.HasMarkPrice ? data.MarkHigh.ToArray() : data.High.ToArray(),
                data.HasMarkPrice ? data.MarkLow.ToArray() : data.Low.ToArray());
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            notes.Add($"price panels skipped: cannot load {prices.Path} ({exception.Message}).");
            return null;
        }
    }
}
