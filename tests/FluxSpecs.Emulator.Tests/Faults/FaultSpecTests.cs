using FluxSpecs.Emulator.Faults;

namespace FluxSpecs.Emulator.Tests.Faults;

/// <summary>The text form of faults and plans, as the header and the CLI's --faults take them.</summary>
public sealed class FaultSpecTests
{
    [Fact]
    public void Every_fault_kind_parses_with_its_options()
    {
        var faults = Fault.ParseList("429;retry-after=5, 502, drop;on=download, slow=250, fail;message=boom, moderate=request;on=create, 422");

        Assert.Equal(FaultKind.RateLimited, faults[0].Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), faults[0].RetryAfter);
        Assert.Equal((FaultKind.ServerError, 502), (faults[1].Kind, faults[1].StatusCode));
        Assert.Equal((FaultKind.Drop, CallKind.Download), (faults[2].Kind, faults[2].On));
        Assert.Equal(TimeSpan.FromMilliseconds(250), faults[3].Delay);
        Assert.Equal("boom", faults[4].Message);
        Assert.True(faults[5].ModerateRequest);
        Assert.Equal((FaultKind.Refused, 422), (faults[6].Kind, faults[6].StatusCode));
    }

    [Theory]
    [InlineData("302")]
    [InlineData("600")]
    [InlineData("slow=fast")]
    [InlineData("503;on=later")]
    [InlineData("503;times=0")]
    [InlineData("moderate=maybe")]
    [InlineData("drop;colour=red")]
    public void Malformed_faults_are_format_errors(string text) =>
        Assert.Throws<FormatException>(() => Fault.Parse(text));

    [Fact]
    public void A_plan_round_trips_through_its_text()
    {
        var plan = FaultPlan.Parse("status:503;every=3, create:429;retry-after=2;times=1;provider=bfl, download:slow=500");

        Assert.Equal("status:503;every=3, create:429;retry-after=2;times=1;provider=bfl, download:slow=500", plan.ToString());
    }

    [Fact]
    public void A_rule_with_a_limit_stops_hitting_after_it()
    {
        var plan = FaultPlan.Parse("create:500;times=2");

        var hits = Enumerable.Range(0, 5).Select(_ => plan.Next(CallKind.Create, "bfl")).Count(f => f is not null);

        Assert.Equal(2, hits);
        Assert.Null(plan.Next(CallKind.Status, "bfl"));
    }

    [Fact]
    public void Outcome_faults_in_a_plan_count_creates_whatever_kind_is_written()
    {
        var rule = Assert.Single(FaultPlan.Parse("status:fail").Rules);

        Assert.Equal(CallKind.Create, rule.On);
    }
}
