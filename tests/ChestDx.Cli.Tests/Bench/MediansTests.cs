using ChestDx.Bench;

namespace ChestDx.Cli.Tests.Bench;

public sealed class MediansTests
{
    [Fact]
    public void Odd_count_gives_the_middle_value_of_the_sorted_values() =>
        Assert.Equal(3.0, Medians.Of([5.0, 1.0, 3.0]));

    [Fact]
    public void Even_count_gives_the_mean_of_the_two_middle_values() =>
        Assert.Equal(2.5, Medians.Of([4.0, 1.0, 3.0, 2.0]));

    [Fact]
    public void No_values_give_nan() => Assert.True(double.IsNaN(Medians.Of([])));
}
