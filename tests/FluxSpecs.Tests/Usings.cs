global using FluxSpecs.Images;
global using FluxSpecs.Validation;
