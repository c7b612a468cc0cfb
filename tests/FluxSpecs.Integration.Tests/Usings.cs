global using FluxSpecs.Mapping;
