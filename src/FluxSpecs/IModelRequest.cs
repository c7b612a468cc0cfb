using FluxSpecs.Catalog;
using FluxSpecs.Validation;

namespace FluxSpecs;

/// <summary>A request for one model, generated from its card.</summary>
public interface IModelRequest
{
    /// <summary>The model's card, as a catalog entry.</summary>
    ModelDescriptor Model { get; }

    /// <summary>Checks the request against the model's own rules; returns every violation.</summary>
    ValidationResult Validate();

    /// <summary>
    /// Checks the request against the model's rules and the narrower rules of <paramref name="providerId"/>; returns
    /// every violation, and warnings about parameters the provider will drop.
    /// </summary>
    ValidationResult Validate([ProviderId] string providerId);
}
