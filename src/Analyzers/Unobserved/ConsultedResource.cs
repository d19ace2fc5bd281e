using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// A <c>using</c> resource that is only consulted before the return: its members are read or called to decide what to
/// do (<c>if (!policy.CanRetry(e, out var retry)) return next.Send(message);</c>), it is never handed on, stored or
/// captured, and the returned operation uses nothing that came from it except plain values (a bool, a TimeSpan) or what
/// it moves out of it (<c>holder.Take()</c>, the ownership hand-off).
/// Disposing it while that operation runs changes nothing the operation can see. Objects whose disposal ends a scope
/// the operation runs under (a lock, a transaction, an activity, a timer) are not this, whatever the code reads from them.
/// </summary>
internal static class ConsultedResource
{
    /// <summary>Type-name endings of resources whose lifetime is a scope for whatever runs inside it.</summary>
    private static readonly ImmutableArray<string> ScopeLikeEndings = ImmutableArray.Create(
        "Scope", "Lock", "Locker", "Releaser", "Mutex", "Semaphore", "Activity", "Span", "Transaction", "Timer", "Stopwatch", "Session");

    public static bool IsOnlyConsulted(IOperation resources, IReturnOperation @return)
    {
        if (resources is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
            || group.Declarations[0].Declarators.Length != 1
            || @return.ReturnedValue is not { } returned)
        {
            return false;
        }

        var resource = group.Declarations[0].Declarators[0].Symbol;
        if (resource.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Interface or TypeKind.Struct } type
            || IsScopeLike(type)
            || AsyncContext.EnclosingFunctionBody(@return) is not { } body)
        {
            return false;
        }

        var tainted = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default) { resource };
        var consulted = false;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, resource))
            {
                if (!IsMemberAccessInstance(reference, out var member, out _) || InNestedFunction(reference, body))
                {
                    return false;
                }

                consulted |= member is not "Dispose" and not "DisposeAsync";
            }
        }

        if (!consulted)
        {
            return false;
        }

        // Whatever comes from the resource, by assignment or out argument, until nothing new is found.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var operation in body.DescendantsAndSelf())
            {
                changed |= Propagate(operation, tainted, resource);
            }
        }

        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference && tainted.Contains(reference.Local)
                && !SymbolEqualityComparer.Default.Equals(reference.Local, resource)
                && InNestedFunction(reference, body))
            {
                return false;
            }
        }

        // In the returned expression, a plain value or a plain value read from it (plan.Attempts) is computed before the call;
        // holder.Take() moves the owned value out, so the using disposes an empty holder.
        foreach (var operation in returned.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference && tainted.Contains(reference.Local) && !IsPlainValue(reference.Local.Type)
                && !(IsMemberAccessInstance(reference, out var member, out var access)
                     && ((access.Type is { } read && IsPlainValue(read))
                         || (SymbolEqualityComparer.Default.Equals(reference.Local, resource) && IsOwnershipTransfer(member)))))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Propagate(IOperation operation, HashSet<ILocalSymbol> tainted, ILocalSymbol resource)
    {
        var changed = false;
        switch (operation)
        {
            case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator when Mentions(initial, tainted, resource):
                changed |= tainted.Add(declarator.Symbol);
                break;

            case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment when Mentions(assignment.Value, tainted, resource):
                changed |= tainted.Add(target.Local);
                break;

            case IInvocationOperation invocation when (invocation.Instance is { } instance && Mentions(instance, tainted)) || ArgumentsMention(invocation, tainted):
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref && OutLocal(argument.Value) is { } local)
                    {
                        changed |= tainted.Add(local);
                    }
                }

                break;
        }

        return changed;
    }

    private static bool IsOwnershipTransfer(string? name) => name is "Take" or "Detach" or "TakeOwnership" or "Transfer";

    private static bool ArgumentsMention(IInvocationOperation invocation, HashSet<ILocalSymbol> tainted)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.RefKind is not (RefKind.Out) && Mentions(argument.Value, tainted))
            {
                return true;
            }
        }

        return false;
    }

    private static ILocalSymbol? OutLocal(IOperation value) => value switch
    {
        ILocalReferenceOperation local => local.Local,
        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
        _ => null,
    };

    /// <summary>
    /// The value reads a tainted local; <c>resource.Take()</c> does not count: what is moved out of the holder belongs to
    /// the caller now, not to the using.
    /// </summary>
    private static bool Mentions(IOperation operation, HashSet<ILocalSymbol> tainted, ILocalSymbol? resource = null)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is ILocalReferenceOperation reference && tainted.Contains(reference.Local)
                && !(resource is not null && SymbolEqualityComparer.Default.Equals(reference.Local, resource)
                     && IsMemberAccessInstance(reference, out var member, out _) && IsOwnershipTransfer(member)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>resource.Member…</c>: the reference is the instance of a call or member read (through implicit conversions).</summary>
    private static bool IsMemberAccessInstance(IOperation reference, out string? member, out IOperation access)
    {
        member = null;
        access = reference;
        var child = reference;
        var parent = reference.Parent;
        while (parent is IConversionOperation { IsImplicit: true })
        {
            child = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IInvocationOperation invocation when invocation.Instance == child:
                member = invocation.TargetMethod.Name;
                access = invocation;
                return true;
            case IMemberReferenceOperation memberReference when memberReference.Instance == child && memberReference is not IMethodReferenceOperation:
                member = memberReference.Member.Name;
                access = memberReference;
                return !IsWritten(memberReference);
            default:
                return false;
        }
    }

    private static bool IsWritten(IOperation memberReference)
        => memberReference.Parent is IAssignmentOperation assignment && assignment.Target == memberReference;

    private static bool InNestedFunction(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsScopeLike(INamedTypeSymbol type)
    {
        foreach (var ending in ScopeLikeEndings)
        {
            if (type.Name.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A value that is copied whole and holds no object: numbers, bool, char, enums, string, TimeSpan, DateTime, Guid, and their nullables.</summary>
    private static bool IsPlainValue(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.TypeKind == TypeKind.Enum || type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String)
        {
            return true;
        }

        return type.Name is "TimeSpan" or "DateTime" or "DateTimeOffset" or "Guid" && type.ContainingNamespace.IsNamespace("System");
    }
}
