using LevBacktest.Core.Data;
using LevBacktest.Core.Experiments.Results;

namespace LevBacktest.Core.Experiments;

/// <summary>The runs of one sweep (or one shard of it), in ascending run index, with the data they ran on.</summary>
public sealed class ExperimentOutcome
{
    /// <summary>Creates the outcome.</summary>
    /// <param name="plan">The plan that was run.</param>
    /// <param name="data">The market data shared by every run.</param>
    /// <param name="shard">The slice that was run.</param>
    /// <param name="runs">The runs, one per index of the shard, ascending.</param>
    /// <param name="equityStorage">What the runs' equity curves hold (default <see cref="EquityStorage.Full"/>): the
    /// runs given here were already cut with <see cref="EquityStorage.Keep"/>.</param>
    public ExperimentOutcome(ExperimentPlan plan, MarketData data, SweepShard shard, IReadOnlyList<RunOutcome> runs, EquityStorage? equityStorage = null)
    {
        EquityStorage = equityStorage ?? EquityStorage.Full;
        Plan = plan;
        Data = data;
        Shard = shard;
        Runs = runs;
    }

    /// <summary>The plan (spec, grid, bound strategies).</summary>
    public ExperimentPlan Plan { get; }

    /// <summary>The market data every run used.</summary>
    public MarketData Data { get; }

    /// <summary>The slice of the sweep these runs are.</summary>
    public SweepShard Shard { get; }

    /// <summary>What each run's equity curve keeps, as written to equity.parquet and summary.json.</summary>
    public EquityStorage EquityStorage { get; }

    /// <summary>The runs in ascending run index; run k of this list has index Shard.Start(total) + k.</summary>
    public IReadOnlyList<RunOutcome> Runs { get; }
}
