using LevBacktest.Core.Margin;
using LevBacktest.Core.Tests.Simulation;

namespace LevBacktest.Core.Tests.Margin;

public sealed class LeverageBracketScheduleTests
{
    [Theory]
    [InlineData("binance-BTCUSDT.json", "BTCUSDT")]
    [InlineData("binance-ETHUSDT.json", "ETHUSDT")]
    public void Binance_tables_load_and_their_maintenance_amounts_follow_the_cum_rule(string file, string symbol)
    {
        var schedule = LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers(file));
        Assert.Equal(symbol, schedule.Symbol);
        Assert.Contains("e73f215a67125640d73be66b72ff1a24a7a1d793", schedule.Source);
        foreach (var table in schedule.Tables)
        {
            var b = table.Brackets;
            Assert.Equal(0, b[0].FloorNotional);
            Assert.Equal(0, b[0].MaintenanceAmount);
            for (int n = 1; n < b.Count; n++)
            {
                // cum_n = floor_n · (mmr_n − mmr_{n−1}) + cum_{n−1}  (DESIGN.md, Binance's rule)
                double expected = (b[n].FloorNotional * (b[n].MaintenanceMarginRate - b[n - 1].MaintenanceMarginRate)) + b[n - 1].MaintenanceAmount;
                Assert.Equal(expected, b[n].MaintenanceAmount, 6);

                // Consequence: maintenance margin is continuous at each floor.
                double below = b[n - 1].MaintenanceMargin(b[n].FloorNotional);
                double at = b[n].MaintenanceMargin(b[n].FloorNotional);
                Assert.Equal(below, at, 6);
                Assert.True(b[n].MaxLeverage <= b[n - 1].MaxLeverage);
            }
        }
    }

    [Fact]
    public void Btc_table_has_the_published_first_tiers()
    {
        // Binance BTCUSDT brackets as dumped by freqtrade: 125x to 50 000 at 0.4 %, 100x to 250 000 at 0.5 % (cum 50),
        // 50x to 3 000 000 at 1 % (cum 1 300), 20x to 20 000 000 at 2.5 % (cum 46 300).
        var table = LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-BTCUSDT.json")).Tables[0];
        Assert.Equal(new LeverageBracket(0, 50_000, 125, 0.004, 0), table.Brackets[0]);
        Assert.Equal(new LeverageBracket(50_000, 250_000, 100, 0.005, 50), table.Brackets[1]);
        Assert.Equal(new LeverageBracket(250_000, 3_000_000, 50, 0.01, 1_300), table.Brackets[2]);
        Assert.Equal(new LeverageBracket(3_000_000, 20_000_000, 20, 0.025, 46_300), table.Brackets[3]);
        Assert.Equal(10, table.Count);

        // Bracket lookup is [floor, cap): 50 000 belongs to tier 2.
        Assert.Equal(0, table.IndexOf(49_999.99));
        Assert.Equal(1, table.IndexOf(50_000));
        // MM of 300 000: 300 000 · 1 % − 1 300 = 1 700.
        Assert.Equal(1_700, table.MaintenanceMargin(300_000), 9);
    }

    [Fact]
    public void Max_notional_for_a_margin_respects_each_brackets_leverage()
    {
        var table = LeverageBracketSchedule.LoadJson(EngineTestPaths.Tiers("binance-BTCUSDT.json")).Tables[0];
        // 1 000 USDT: 125x gives 125 000, above tier 1's cap; tier 2 allows 100x = 100 000 (inside [50 000, 250 000)).
        Assert.Equal(100_000, table.MaxNotionalForMargin(1_000), 6);
        // 100 USDT: 125x = 12 500 fits tier 1.
        Assert.Equal(12_500, table.MaxNotionalForMargin(100), 6);
        // 10 000 USDT: tier 2 would allow 1 000 000 but caps at 250 000; tier 3 (50x) allows 500 000.
        Assert.Equal(500_000, table.MaxNotionalForMargin(10_000), 6);
        Assert.Equal(0, table.MaxNotionalForMargin(0));
    }

    [Fact]
    public void Schedule_picks_the_table_in_force()
    {
        var early = new LeverageBracketTable(1_000, [new LeverageBracket(0, double.PositiveInfinity, 100, 0.005, 0)]);
        var late = new LeverageBracketTable(5_000, [new LeverageBracket(0, double.PositiveInfinity, 20, 0.05, 0)]);
        var schedule = new LeverageBracketSchedule("X", "test", [early, late]);
        Assert.Same(early, schedule.TableAt(1_000));
        Assert.Same(early, schedule.TableAt(4_999));
        Assert.Same(late, schedule.TableAt(5_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.TableAt(999));
        Assert.Throws<ArgumentException>(() => new LeverageBracketSchedule("X", "test", [late, early]));
    }

    [Fact]
    public void Flat_rate_is_one_open_ended_bracket()
    {
        var schedule = LeverageBracketSchedule.FlatRate(0.01, 50);
        var table = schedule.TableAt(0);
        Assert.Equal(1, table.Count);
        Assert.Equal(100, table.MaintenanceMargin(10_000), 9);
        Assert.Equal(500_000, table.MaxNotionalForMargin(10_000), 6);
        Assert.Throws<ArgumentException>(() => LeverageBracketSchedule.FlatRate(1.0, 50));
        Assert.Throws<ArgumentException>(() => LeverageBracketSchedule.FlatRate(0.01, 0.5));
    }

    [Fact]
    public void Loader_names_the_file_and_json_path_of_a_wrong_maintenance_amount()
    {
        string path = WriteTemp("""
            { "symbol": "X", "source": "test", "readOn": "2026-01-01",
              "tables": [ { "effectiveFrom": "2020-01-01T00:00:00Z", "brackets": [
                { "floorNotional": 0, "capNotional": 1000, "maxLeverage": 50, "maintenanceMarginRate": 0.01, "maintenanceAmount": 0 },
                { "floorNotional": 1000, "capNotional": null, "maxLeverage": 20, "maintenanceMarginRate": 0.02, "maintenanceAmount": 11 } ] } ] }
            """);
        var error = Assert.Throws<InvalidDataException>(() => LeverageBracketSchedule.LoadJson(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("$.tables[0].brackets[1].maintenanceAmount", error.Message);
        Assert.Contains("10", error.Message); // the expected 1 000 · (0.02 − 0.01) + 0
    }

    [Fact]
    public void Loader_names_a_missing_field_and_bad_json()
    {
        string missing = WriteTemp("""{ "symbol": "X", "source": "s", "readOn": "d", "tables": [ { "effectiveFrom": "2020-01-01", "brackets": [ { "floorNotional": 0, "maxLeverage": 5, "maintenanceAmount": 0 } ] } ] }""");
        var error = Assert.Throws<InvalidDataException>(() => LeverageBracketSchedule.LoadJson(missing));
        Assert.Contains("$.tables[0].brackets[0].maintenanceMarginRate", error.Message);

        string broken = WriteTemp("{ \"symbol\": ");
        Assert.Contains(broken, Assert.Throws<InvalidDataException>(() => LeverageBracketSchedule.LoadJson(broken)).Message);

        string gap = WriteTemp("""
            { "symbol": "X", "source": "s", "readOn": "d", "tables": [ { "effectiveFrom": "2020-01-01", "brackets": [
              { "floorNotional": 0, "capNotional": 1000, "maxLeverage": 50, "maintenanceMarginRate": 0.01, "maintenanceAmount": 0 },
              { "floorNotional": 2000, "capNotional": 5000, "maxLeverage": 20, "maintenanceMarginRate": 0.01, "maintenanceAmount": 0 } ] } ] }
            """);
        var gapError = Assert.Throws<InvalidDataException>(() => LeverageBracketSchedule.LoadJson(gap));
        Assert.Contains("$.tables[0].brackets", gapError.Message);
        Assert.Contains("previous cap", gapError.Message);

        Assert.Throws<FileNotFoundException>(() => LeverageBracketSchedule.LoadJson(Path.Combine(Path.GetTempPath(), "no-such-tiers.json")));
    }

    private static string WriteTemp(string json)
    {
        string path = Path.Combine(Path.GetTempPath(), $"tiers-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
