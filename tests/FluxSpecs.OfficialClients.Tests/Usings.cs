global using System.Text.Json.Nodes;
global using FluxSpecs.OfficialClients.Tests.Infrastructure;
