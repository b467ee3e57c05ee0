using LevBacktest.Reporting.Reports;

namespace LevBacktest.Reporting.Tests.Reports;

public sealed class ChangedDataTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "levbt-report-changed-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void A_price_file_changed_since_the_run_skips_the_price_panels_with_a_note_and_still_writes_every_chart()
    {
        Directory.CreateDirectory(_root);
        string prices = Path.Combine(_root, "prices.parquet");
        File.Copy(Path.Combine(ResultsFolderFixture.SampleData, "prices.parquet"), prices);
        string folder = ResultsFolderFixture.Write(Path.Combine(_root, "results"), ResultsFolderFixture.LeverageSweepSpec(prices));

        // Append a byte: same file name, different SHA-256.
        File.AppendAllText(prices, " ");
        var result = ReportWriter.Write(folder);
        var note = Assert.Single(result.Notes, n => n.StartsWith("price panels skipped", StringComparison.Ordinal));
        Assert.Contains("changed since the run", note);
        Assert.Contains(prices, note);
        Assert.True(File.Exists(Path.Combine(folder, "liquidations.png")));
        Assert.Contains(note, File.ReadAllText(result.MarkdownPath));

        File.Delete(prices);
        var moved = ReportWriter.Write(folder);
        Assert.Contains(moved.Notes, n => n.Contains("no longer exists", StringComparison.Ordinal));
    }

    [Fact]
    public void A_two_axis_sweep_gets_a_heatmap_of_the_chosen_metric()
    {
        string folder = ResultsFolderFixture.Write(Path.Combine(_root, "grid"), ResultsFolderFixture.TwoAxisSpec());
        var result = ReportWriter.Write(folder, new ReportOptions { HeatmapMetric = "maxDrawdown" });
        var heatmap = result.Charts.Single(c => c.Name == "heatmap");
        Assert.Equal("heatmap.png", heatmap.FileName);
        Assert.Contains("maxDrawdown", heatmap.Caption);
        var (width, height, _, _) = PngHeader.Read(Path.Combine(folder, "heatmap.png"));
        Assert.Equal((1600, 900), (width, height));
        double ink = PixelProbe.InkFraction(Path.Combine(folder, "heatmap.png"), new ScottPlot.PixelRect(300, 1300, 700, 200));
        Assert.True(ink > 0.5, $"heatmap cells cover only {ink:P0} of the middle");
        Assert.DoesNotContain(result.Notes, n => n.Contains("heatmap", StringComparison.Ordinal));
    }
}
