global using FluxSpecs.Packaging.Tests.Infrastructure;
