using LevBacktest.Reporting.Charts;

namespace LevBacktest.Reporting.Tests.Charts;

public sealed class NiceNumbersTests
{
    [Theory]
    [InlineData(0.7, false, 1.0)]
    [InlineData(1.0, false, 1.0)]
    [InlineData(1.2, false, 2.0)]
    [InlineData(3.0, false, 5.0)]
    [InlineData(97, false, 100)]
    [InlineData(1.4, true, 1.0)]
    [InlineData(2.9, true, 2.0)]
    [InlineData(6.9, true, 5.0)]
    [InlineData(7.1, true, 10.0)]
    [InlineData(0.034, true, 0.05)]
    public void Nice_rounds_to_one_two_five(double x, bool round, double expected) =>
        Assert.Equal(expected, NiceNumbers.Nice(x, round), 12);

    [Fact]
    public void Heckbert_loose_labels_for_0_to_97_are_0_to_100_step_20()
    {
        var (min, max, step) = NiceNumbers.LooseLabels(0, 97, 6);
        Assert.Equal((0.0, 100.0, 20.0), (min, max, step));
    }

    [Fact]
    public void Ticks_within_0_to_97_with_six_ticks_are_multiples_of_20()
    {
        var (step, values) = NiceNumbers.TicksWithin(0, 100, 6);
        Assert.Equal(20, step);
        Assert.Equal([0.0, 20, 40, 60, 80, 100], values);
        // Range 0–97 keeps only the ticks inside it.
        Assert.Equal([0.0, 20, 40, 60, 80], NiceNumbers.TicksWithin(0, 97, 6).Values);
    }

    [Fact]
    public void Ticks_print_without_binary_noise()
    {
        var (step, values) = NiceNumbers.TicksWithin(0.1, 0.75, 8);
        Assert.Equal(0.1, step, 12);
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], values);
        Assert.Equal("0.3", TickLabelFormatter.FormatNumber(values[2], step));
    }

    [Fact]
    public void Tick_count_never_exceeds_the_maximum_and_steps_are_one_two_five()
    {
        var start = FsCheck.Fluent.Arb.From(FsCheck.Fluent.Gen.Choose(-1_000_000, 1_000_000));
        var span = FsCheck.Fluent.Arb.From(FsCheck.Fluent.Gen.Choose(1, 1_000_000));
        var maxCount = FsCheck.Fluent.Arb.From(FsCheck.Fluent.Gen.Choose(2, 12));
        FsCheck.Check.One(FsCheck.Config.QuickThrowOnFailure, FsCheck.Fluent.Prop.ForAll(start, span, maxCount, (a, b, max) =>
        {
            double min = a / 100.0, hi = min + (b / 1000.0);
            var (step, values) = NiceNumbers.TicksWithin(min, hi, max);
            double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
            return values.Length <= max && values.Length >= 1
                && (Math.Abs(mantissa - 1) < 1e-9 || Math.Abs(mantissa - 2) < 1e-9 || Math.Abs(mantissa - 5) < 1e-9)
                && values.All(v => v >= min - (step * 1e-6) && v <= hi + (step * 1e-6));
        }));
    }

    [Fact]
    public void Smallest_fitting_step_is_chosen_even_when_the_average_spacing_rounds_past_every_tick()
    {
        // Found by the property test above: range 459.25 over 2 ticks averages 229.6, which rounds up to 500,
        // and no multiple of 500 lies in [3508.19, 3967.44]. Step 200 fits: 3600 and 3800.
        var (step, values) = NiceNumbers.TicksWithin(3508.19, 3967.44, 2);
        Assert.Equal(200, step);
        Assert.Equal([3600.0, 3800.0], values);
    }

    [Fact]
    public void Whole_number_ticks_never_fall_between_counts()
    {
        // A count axis from 0 to 1.3 (one liquidation plus headroom) gets fractional steps from the 1-2-5 rule
        // (0.5 for 6 ticks, 0.2 for the 8 a tall chart asks for).
        Assert.Equal(0.5, NiceNumbers.TicksWithin(0, 1.3, 6).Step, 12);
        Assert.Equal(0.2, NiceNumbers.TicksWithin(0, 1.3, 8).Step, 12);
        var (step, values) = NiceNumbers.WholeTicksWithin(0, 1.3, 6);
        Assert.Equal(1, step);
        Assert.Equal([0.0, 1.0], values);

        // Wide ranges already step by whole numbers and are left as they are.
        Assert.Equal(NiceNumbers.TicksWithin(0, 97, 6).Values, NiceNumbers.WholeTicksWithin(0, 97, 6).Values);
    }
}
