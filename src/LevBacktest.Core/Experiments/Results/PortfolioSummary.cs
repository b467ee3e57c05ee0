using System.Text.Json;

namespace LevBacktest.Core.Experiments.Results;

/// <summary>
/// The parts of <c>summary.json</c> that only a portfolio's folder has: the <c>data</c> block over every instrument
/// (symbol "A + B", the clock's bars, every file with its role prefixed by the symbol), the <c>portfolio</c> block
/// (rules, instruments, the spans where an instrument had no bar) and each run's <c>instruments</c> contributions.
/// </summary>
internal static class PortfolioSummary
{
    /// <summary>The <c>data</c> block: the clock (union of bar open times) and every instrument's files.</summary>
    public static void WriteData(Utf8JsonWriter json, ResultsProvenance provenance)
    {
        var instruments = provenance.PortfolioData;
        var first = provenance.LoadedData.Report;
        var clock = PortfolioInstrumentData.UnionClock(instruments);
        json.WriteStartObject("data");
        json.WriteString("symbol", string.Join(" + ", instruments.Select(i => i.Symbol)));
        json.WriteNumber("barIntervalMs", first.BarIntervalMs);
        json.WriteNumber("barCount", clock.Length);
        json.WriteString("firstBarOpenTime", SpecTime.FormatUtc(clock.Length > 0 ? clock[0] : first.FirstOpenTimeMs));
        json.WriteString("lastBarOpenTime", SpecTime.FormatUtc(clock.Length > 0 ? clock[^1] : first.LastOpenTimeMs));
        json.WriteNumber("gapCount", instruments.Sum(i => i.Loaded.Report.GapCount));
        json.WriteNumber("missingBarCount", instruments.Sum(i => i.Loaded.Report.MissingBarCount));
        json.WriteBoolean("hasMarkFile", instruments.All(i => i.Loaded.Report.HasMarkFile));
        json.WriteNumber("markFallbackBarCount", instruments.Sum(i => i.Loaded.Report.MarkFallbackBarCount));
        json.WriteStartArray("markFallbackSpans");
        json.WriteEndArray();
        json.WriteNumber("fundingEventCount", instruments.Sum(i => i.Loaded.Report.FundingEventCount));
        json.WriteStartArray("warnings");
        foreach (var instrument in instruments)
        {
            foreach (var warning in instrument.Loaded.Report.Warnings)
            {
                json.WriteStringValue($"{instrument.Symbol}: {warning}");
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("files");
        foreach (var instrument in instruments)
        {
            foreach (var file in instrument.Loaded.Files)
            {
                SummaryJsonWriter.WriteFile(json, FileRole(instrument, file.Path), file);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A portfolio file's role, e.g. <c>ETHUSDT prices</c>: unique across instruments, as regression baselines match files by role.</summary>
    public static string FileRole(PortfolioInstrumentData instrument, string path) => $"{instrument.Symbol} {SummaryJsonWriter.RoleOf(path, instrument.Spec.Data)}";

    /// <summary>The <c>portfolio</c> block: rules, and per instrument its terms and the spans of the clock where it had no bar.</summary>
    public static void WritePortfolio(Utf8JsonWriter json, PortfolioSpec portfolio, ResultsProvenance provenance, ExperimentOutcome outcome)
    {
        var instruments = provenance.PortfolioData;
        var clock = PortfolioInstrumentData.UnionClock(instruments);
        json.WriteStartObject("portfolio");
        json.WriteString("marginMode", portfolio.MarginMode);
        json.WriteString("sizing", portfolio.Sizing);
        if (portfolio.Sizing == "inverseVolatility")
        {
            json.WriteNumber("volatilityLookbackBars", portfolio.VolatilityLookbackBars);
        }

        json.WriteString("rebalancing", portfolio.Rebalancing);
        if (portfolio.Rebalancing == "periodic")
        {
            json.WriteNumber("rebalanceEveryBars", portfolio.RebalanceEveryBars);
        }
        else if (portfolio.Rebalancing == "band")
        {
            json.WriteNumber("rebalanceBand", portfolio.RebalanceBand);
        }

        json.WriteString("settlementAsset", portfolio.Instruments[0].SettlementAsset);
        json.WriteStartArray("instruments");
        for (int k = 0; k < instruments.Count; k++)
        {
            var instrument = instruments[k];
            var plan = outcome.Plan;
            json.WriteStartObject();
            json.WriteString("symbol", instrument.Symbol);
            json.WriteString("contract", instrument.Spec.Terms.Contract);
            if (instrument.Spec.Terms.Contract == "inverse")
            {
                json.WriteNumber("contractSize", instrument.Spec.Terms.ContractSize);
            }

            json.WriteNumber("weight", instrument.Spec.Weight);
            json.WriteString("signal", $"{plan.InstrumentSignals[k].Descriptor.Name}({plan.InstrumentSignals[k]})");
            json.WriteString("stop", $"{plan.InstrumentStops[k].Descriptor.Name}({plan.InstrumentStops[k]})");
            json.WriteString("tiers", instrument.Brackets.Symbol);
            json.WriteNumber("barCount", instrument.Loaded.Data.Count);
            var spans = instrument.NoBarSpans(clock);
            json.WriteNumber("barsWithoutData", spans.Sum(s => s.BarCount));
            json.WriteStartArray("noBarSpans");
            foreach (var span in spans)
            {
                json.WriteStartObject();
                json.WriteString("from", SpecTime.FormatUtc(span.FromMs));
                json.WriteString("to", SpecTime.FormatUtc(span.ToMs));
                json.WriteNumber("barCount", span.BarCount);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A run's <c>instruments</c>: each instrument's contribution to the account, which adds up to its change of equity.</summary>
    public static void WriteContributions(Utf8JsonWriter json, PortfolioRunDetail detail)
    {
        json.WriteStartArray("instruments");
        foreach (var part in detail.Totals)
        {
            json.WriteStartObject();
            json.WriteString("symbol", part.Symbol);
            SummaryJsonWriter.WriteNumber(json, "profitAndLoss", part.ProfitAndLoss);
            SummaryJsonWriter.WriteNumber(json, "realizedPnl", part.RealizedPnl);
            SummaryJsonWriter.WriteNumber(json, "unrealizedPnl", part.UnrealizedPnl);
            SummaryJsonWriter.WriteNumber(json, "feesPaid", part.FeesPaid);
            SummaryJsonWriter.WriteNumber(json, "fundingPaid", part.FundingPaid);
            SummaryJsonWriter.WriteNumber(json, "marginLost", part.MarginLost);
            json.WriteNumber("tradeCount", part.TradeCount);
            json.WriteNumber("liquidationCount", part.LiquidationCount);
            json.WriteNumber("stopCount", part.StopCount);
            json.WriteNumber("barsWithoutData", part.BarsWithoutData);
            json.WriteNumber("fundingEventsSkipped", part.FundingEventsSkipped);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
