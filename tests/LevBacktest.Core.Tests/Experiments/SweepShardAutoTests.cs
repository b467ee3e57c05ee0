using LevBacktest.Core.Experiments;

namespace LevBacktest.Core.Tests.Experiments;

/// <summary><c>--shard auto/N</c> takes its index from the variable each batch engine sets for its tasks.</summary>
public sealed class SweepShardAutoTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
        => name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("JOB_COMPLETION_INDEX", "2", 2)]   // Kubernetes Indexed Job: 0..completions−1
    [InlineData("SLURM_ARRAY_TASK_ID", "3", 3)]    // Slurm --array=0-3
    [InlineData("LEVBT_SHARD_INDEX", "0", 0)]      // a CI matrix passing strategy.job-index
    public void The_index_comes_from_the_engine_variable(string variable, string value, int expected)
        => Assert.Equal(new SweepShard(expected, 4), SweepShard.Parse("auto/4", Environment((variable, value))));

    [Fact]
    public void A_slurm_array_starting_at_one_is_shifted_by_its_minimum()
        => Assert.Equal(new SweepShard(0, 4), SweepShard.Parse("auto/4", Environment(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "1"))));

    [Fact]
    public void Levbt_own_variable_wins_over_the_engine_variables()
        => Assert.Equal(new SweepShard(1, 4), SweepShard.Parse("auto/4", Environment(("JOB_COMPLETION_INDEX", "3"), ("LEVBT_SHARD_INDEX", "1"))));

    [Fact]
    public void An_explicit_index_ignores_the_environment()
        => Assert.Equal(new SweepShard(2, 3), SweepShard.Parse("2/3", Environment(("JOB_COMPLETION_INDEX", "0"))));

    [Fact]
    public void Without_an_index_variable_the_message_names_them_all()
    {
        var error = Assert.Throws<FormatException>(() => SweepShard.Parse("auto/4", Environment()));
        Assert.Equal("--shard 'auto/4': none of LEVBT_SHARD_INDEX, JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID is set; run it as a task of a batch engine or give the index, e.g. --shard 0/4.", error.Message);
    }

    [Fact]
    public void An_index_past_the_shard_count_is_refused_naming_the_variable()
    {
        var error = Assert.Throws<FormatException>(() => SweepShard.Parse("auto/4", Environment(("JOB_COMPLETION_INDEX", "4"))));
        Assert.Equal("--shard 'auto/4': JOB_COMPLETION_INDEX=4 gives shard index 4, outside 0..3; size the job array to 4 tasks.", error.Message);
    }

    [Theory]
    [InlineData("auto/0")]
    [InlineData("auto/x")]
    [InlineData("auto/")]
    public void A_malformed_count_is_refused(string text)
        => Assert.Throws<FormatException>(() => SweepShard.Parse(text, Environment(("JOB_COMPLETION_INDEX", "0"))));

    [Fact]
    public void A_non_numeric_index_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => SweepShard.Parse("auto/4", Environment(("SLURM_ARRAY_TASK_ID", "two"))));
        Assert.Equal("--shard 'auto/4': SLURM_ARRAY_TASK_ID='two' is not a whole number.", error.Message);
    }
}
