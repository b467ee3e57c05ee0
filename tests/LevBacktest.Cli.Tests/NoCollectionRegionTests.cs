using System.Runtime;

namespace LevBacktest.Cli.Tests;

/// <summary>
/// The no-GC region `levbt run` holds while its data loads: entered and left once, never two at a time, and a budget the
/// allocations outgrow ends it without an error. Run alone: a region is process-wide, and other tests run commands.
/// </summary>
[Collection(nameof(NoCollectionRegionTests))]
[CollectionDefinition(nameof(NoCollectionRegionTests), DisableParallelization = true)]
public sealed class NoCollectionRegionTests
{
    [Fact]
    public void A_region_is_entered_and_left_once_and_a_second_one_is_not_entered_meanwhile()
    {
        using (var region = NoCollectionRegion.Enter(64L << 20))
        {
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            using (var nested = NoCollectionRegion.Enter(64L << 20))
            {
                Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            }

            // The nested one entered nothing, so leaving it left the outer region in place.
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            region.Dispose();
            Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        }

        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void Allocating_past_the_budget_collects_and_leaves_the_region_without_an_error()
    {
        int before = GC.CollectionCount(0);
        var region = NoCollectionRegion.Enter(16L << 20);
        var kept = new List<double[]>();
        for (int i = 0; i < 16; i++)
        {
            kept.Add(new double[1 << 20]); // 8 MB each: 128 MB in all
        }

        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        Assert.True(GC.CollectionCount(0) > before);
        region.Dispose();
        Assert.Equal(16, kept.Count);
    }
}
