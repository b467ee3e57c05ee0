namespace LevBacktest.Core.Simulation;

/// <summary>One funding settlement on an open position. Money in USDT, times UTC epoch milliseconds.</summary>
/// <param name="TimeMs">The event's own timestamp (as in the data, jitter included).</param>
/// <param name="Bar">Index of the bar at whose open it settled (first bar with openTime ≥ time − tolerance).</param>
/// <param name="Rate">Funding rate, fraction per interval.</param>
/// <param name="MarkPrice">Price used: the event's mark price when the data has one, else the bar's mark open.</param>
/// <param name="Side">+1 long, −1 short.</param>
/// <param name="Quantity">Quantity held, base units.</param>
/// <param name="Payment">side · quantity · markPrice · rate: positive = paid by the position, negative = received.</param>
public readonly record struct FundingPaymentRecord(long TimeMs, int Bar, double Rate, double MarkPrice, int Side, double Quantity, double Payment);
