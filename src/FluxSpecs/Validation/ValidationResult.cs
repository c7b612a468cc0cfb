using FluxSpecs.Errors;

namespace FluxSpecs.Validation;

/// <summary>The outcome of validating a request: every violation, and warnings about what a provider will drop.</summary>
public sealed class ValidationResult
{
    /// <summary>A valid request with nothing to warn about; shared so that validating a good request allocates nothing.</summary>
    public static readonly ValidationResult Valid = new([], []);

    /// <summary>Creates a result.</summary>
    public ValidationResult(IReadOnlyList<Violation> violations, IReadOnlyList<string> warnings)
    {
        Violations = violations;
        Warnings = warnings;
    }

    /// <summary>True when the request breaks no rule.</summary>
    public bool IsValid => Violations.Count == 0;

    /// <summary>Every rule the request breaks: the model's rules in parameter order, then the provider's.</summary>
    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>What the provider will do differently than asked (a parameter it lacks, dropped).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Throws <see cref="RequestValidationException"/> listing every violation when the request is invalid.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new RequestValidationException(Violations);
        }
    }

    /// <inheritdoc />
    public override string ToString() => IsValid ? "valid" : string.Join(Environment.NewLine, Violations.Select(v => v.Message));
}
