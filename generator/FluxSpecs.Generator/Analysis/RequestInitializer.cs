using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace FluxSpecs.Generator.Analysis
{
    /// <summary>The parameters an object initializer (or <c>with</c>) sets to values known at compile time.</summary>
    internal static class RequestInitializer
    {
        public static IReadOnlyList<(ParameterRules Parameter, IOperation Value, KnownValue Known)> Read(IObjectOrCollectionInitializerOperation initializer, RequestRules rules)
        {
            var result = new List<(ParameterRules, IOperation, KnownValue)>();
            foreach (var assignment in initializer.Initializers.OfType<ISimpleAssignmentOperation>())
            {
                if (assignment.Target is IPropertyReferenceOperation { Property: var property }
                    && rules.Find(property.Name) is { } parameter
                    && KnownValues.Of(assignment.Value, parameter) is { } known)
                {
                    result.Add((parameter, assignment.Value, known));
                }
            }

            return result;
        }
    }
}
