using LevBacktest.Core.Data;

namespace LevBacktest.Core.Experiments;

/// <summary>Loads the market data a spec names, once per sweep, through <see cref="MarketDataLoader"/>.</summary>
public static class ExperimentDataLoader
{
    /// <summary>The loader request for <paramref name="data"/>.</summary>
    /// <param name="data">The spec's data section (paths absolute).</param>
    public static MarketDataRequest ToRequest(ExperimentDataSpec data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new MarketDataRequest
        {
            PricesPath = data.PricesPath,
            MarkPath = data.MarkPath,
            FundingPath = data.FundingPath,
            Symbol = data.Symbol,
            PriceColumns = Mapping(data.PriceColumns),
            MarkColumns = Mapping(data.MarkColumns),
            FundingColumns = Mapping(data.FundingColumns),
            TimeUnit = data.TimeUnit switch
            {
                null => null,
                "s" => EpochTimeUnit.Seconds,
                "ms" => EpochTimeUnit.Milliseconds,
                "us" => EpochTimeUnit.Microseconds,
                _ => EpochTimeUnit.Nanoseconds,
            },
            FromMs = data.FromMs,
            ToMs = data.ToMs,
            ResampleIntervalMs = data.ResampleIntervalMs,
            MarkPriceFallback = data.MissingMark switch
            {
                "fail" => MissingMarkPolicy.Fail,
                "startWhereMarkStarts" => MissingMarkPolicy.StartWhereMarkStarts,
                _ => MissingMarkPolicy.FallBackToLastPrice,
            },
        };
    }

    /// <summary>Loads and validates the data.</summary>
    /// <param name="data">The spec's data section.</param>
    /// <exception cref="FileNotFoundException">A named file, folder or glob matches no data file.</exception>
    /// <exception cref="MarketDataException">A file is malformed or fails validation (the message names file, row and column).</exception>
    public static LoadedMarketData Load(ExperimentDataSpec data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var path in new[] { data.PricesPath, data.MarkPath, data.FundingPath })
        {
            if (path is not null && !Data.Sources.DatasetFiles.Exists(path))
            {
                // A folder is a dataset (its files read as one table); an empty one is named as such.
                if (Directory.Exists(path))
                {
                    throw new FileNotFoundException($"Data folder {path} holds no data files.", Path.GetFullPath(path));
                }

                Data.InputFile.Require(path, "Data file");
            }
        }

        return MarketDataLoader.Load(ToRequest(data));
    }

    private static ColumnMapping Mapping(IReadOnlyDictionary<string, string> columns)
    {
        if (columns.Count == 0)
        {
            return ColumnMapping.Auto;
        }

        string? Get(string role) => columns.TryGetValue(role, out var name) ? name : null;
        return new ColumnMapping
        {
            Time = Get("time"),
            Open = Get("open"),
            High = Get("high"),
            Low = Get("low"),
            Close = Get("close"),
            Volume = Get("volume"),
            FundingRate = Get("fundingRate"),
            FundingMarkPrice = Get("fundingMarkPrice"),
            Symbol = Get("symbol"),
        };
    }
}
