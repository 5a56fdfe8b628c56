using Lustrac.Energy.Server.Alerts;

namespace Lustrac.Energy.Server.Tests.Alerts;

public sealed class AlertBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly AlertCondition TankLow = new("tank_low:tank-1", AlertKinds.TankLow, "tank-1", AlertAudience.Residents, "tank low");

    [Fact]
    public void A_lasting_cause_is_raised_once_reminded_once_per_period_and_cleared_when_it_goes()
    {
        var book = new AlertBook(TimeSpan.FromHours(12));
        var events = new List<AlertEvent>();
        // Every minute for 25 hours the tank is low, then it is not.
        for (var minute = 0; minute <= 25 * 60; minute++)
            events.AddRange(book.Update([TankLow], T0.AddMinutes(minute)).Select(n => n.Event));
        var cleared = book.Update([], T0.AddHours(25).AddMinutes(1));

        Assert.Equal([AlertEvent.Raised, AlertEvent.Reminder, AlertEvent.Reminder], events);
        var notice = Assert.Single(cleared);
        Assert.Equal(AlertEvent.Cleared, notice.Event);
        Assert.Equal(T0, notice.Alert.RaisedAt);
        Assert.Equal(2, notice.Alert.Reminders);
        Assert.Empty(book.Open());
        Assert.Equal(T0.AddHours(25).AddMinutes(1), Assert.Single(book.Recent()).ClearedAt);
    }

    [Fact]
    public void A_cause_that_comes_back_after_clearing_is_a_new_alert_and_recent_ones_are_bounded()
    {
        var book = new AlertBook(TimeSpan.FromHours(1), recentKept: 2);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(AlertEvent.Raised, Assert.Single(book.Update([TankLow], T0.AddMinutes(2 * i))).Event);
            Assert.Equal(AlertEvent.Cleared, Assert.Single(book.Update([], T0.AddMinutes(2 * i + 1))).Event);
        }
        Assert.Equal([T0.AddMinutes(4), T0.AddMinutes(2)], book.Recent().Select(a => a.RaisedAt));
    }

    [Fact]
    public void An_open_alert_keeps_the_freshest_message_without_sending_it_again()
    {
        var book = new AlertBook(TimeSpan.FromHours(12));
        book.Update([TankLow], T0);
        var quiet = book.Update([TankLow with { Message = "tank lower" }], T0.AddMinutes(5));
        Assert.Empty(quiet);
        Assert.Equal("tank lower", Assert.Single(book.Open()).Condition.Message);
    }
}
