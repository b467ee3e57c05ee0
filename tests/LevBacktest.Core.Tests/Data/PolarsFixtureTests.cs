using LevBacktest.Core.Data;

using static LevBacktest.Core.Tests.Data.Csv;

namespace LevBacktest.Core.Tests.Data;

/// <summary>
/// Files written by polars (Data/Fixtures/make-polars-fixtures.cjs): OPTIONAL columns, TIMESTAMP(MILLIS)
/// not adjusted to UTC, capitalised price names, camelCase funding columns.
/// </summary>
public sealed class PolarsFixtureTests
{
    private static string Fixture(string name) => Path.Combine(SharedData.RepositoryRoot, "tests", "LevBacktest.Core.Tests", "Data", "Fixtures", name);

    [Fact]
    public void Polars_prices_and_funding_load_with_the_values_the_script_wrote()
    {
        var loaded = MarketDataLoader.Load(new MarketDataRequest
        {
            PricesPath = Fixture("BTCUSDT-1h-polars.parquet"),
            FundingPath = Fixture("BTCUSDT-funding-polars.parquet"),
        });
        var data = loaded.Data;
        Assert.Equal("BTCUSDT", data.Symbol);
        Assert.Equal(48, data.Count);
        Assert.Equal(Hour, data.BarIntervalMs);
        for (int i = 0; i < 48; i++)
        {
            Assert.Equal(Start + (i * Hour), data.OpenTimeMs.Span[i]);
            Assert.Equal(100.0 + i, data.Open.Span[i]);
            Assert.Equal(101.5 + i, data.High.Span[i]);
            Assert.Equal(99.0 + i, data.Low.Span[i]);
            Assert.Equal(100.5 + i, data.Close.Span[i]);
            Assert.Equal(10.0 + i, data.Volume.Span[i]);
        }

        Assert.Equal(new[] { Start, Start + (8 * Hour) }, data.Funding.TimeMs.ToArray());
        Assert.Equal(new[] { 0.0001, -0.0002 }, data.Funding.Rate.ToArray());
    }
}
