namespace LevBacktest.Core.Tests.Data;

/// <summary>Paths of the real market data shared next to the repository (<c>&lt;root&gt;/../shared/data</c>).</summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LevBacktest.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("LevBacktest.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepositoryRoot => Root.Value;

    public static string BinanceUm(string file) => LevBacktest.TestSupport.SharedFolder.Data("binance-um", file);

    public static string FundingVenues(string file) => LevBacktest.TestSupport.SharedFolder.Data("funding-venues", file);

    public static long Utc(int year, int month, int day, int hour = 0) =>
        new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
}
