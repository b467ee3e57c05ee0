using System.Globalization;
using System.Text;

namespace LevBacktest.Core.Tests.Data;

/// <summary>Builds Binance public-data style CSV text for tests.</summary>
public static class Csv
{
    public const long Hour = 3_600_000;

    /// <summary>2024-01-01T00:00:00Z.</summary>
    public const long Start = 1_704_067_200_000;

    public const string KlineHeader = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";

    public static string Kline(long openTime, double open, double high, double low, double close, double volume, long interval = Hour) =>
        string.Create(CultureInfo.InvariantCulture, $"{openTime},{open},{high},{low},{close},{volume},{openTime + interval - 1},{volume * close},10,{volume / 2},{volume * close / 2},0");

    /// <summary>Hourly klines with a simple deterministic pattern: open = 100 + i, close = open + 0.5, high = close + 1, low = open − 1, volume = 10 + i.</summary>
    public static string Klines(int count, long start = Start, bool header = false, long interval = Hour, Func<int, bool>? skip = null)
    {
        var text = new StringBuilder();
        if (header)
        {
            text.AppendLine(KlineHeader);
        }

        for (int i = 0; i < count; i++)
        {
            if (skip?.Invoke(i) == true)
            {
                continue;
            }

            double open = 100 + i;
            text.AppendLine(Kline(start + (i * interval), open, open + 1.5, open - 1, open + 0.5, 10 + i, interval));
        }

        return text.ToString();
    }

    public static string Funding(IEnumerable<(long Time, double Rate)> events, bool header = true)
    {
        var text = new StringBuilder();
        if (header)
        {
            text.AppendLine("calc_time,funding_interval_hours,last_funding_rate");
        }

        foreach (var (time, rate) in events)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{time},8,{rate}"));
        }

        return text.ToString();
    }
}
