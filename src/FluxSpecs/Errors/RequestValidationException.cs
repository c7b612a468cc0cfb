using FluxSpecs.Validation;

namespace FluxSpecs.Errors;

/// <summary>A request broke one or more rules; nothing was sent.</summary>
public sealed class RequestValidationException : FluxSpecsException
{
    /// <summary>Creates the exception from the violations found.</summary>
    public RequestValidationException(IReadOnlyList<Violation> violations)
        : base(Describe(violations))
    {
        Violations = violations;
    }

    /// <summary>Nothing was sent.</summary>
    public override bool MayHaveCharged => false;

    /// <summary>Every rule the request breaks.</summary>
    public IReadOnlyList<Violation> Violations { get; }

    private static string Describe(IReadOnlyList<Violation> violations) =>
        $"The request is invalid ({violations.Count} violation{(violations.Count == 1 ? "" : "s")}); nothing was sent:"
        + string.Concat(violations.Select(v => Environment.NewLine + "- " + v.Message));
}
