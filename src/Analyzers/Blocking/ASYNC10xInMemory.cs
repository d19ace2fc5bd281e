using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// ASYNC104/ASYNC105 on memory: receivers, arguments and conversions that never leave the process (a MemoryStream, a
/// writer over a StringBuilder, parsing a string already read), for which the async twin only wraps the same CPU work.
/// </summary>
public sealed partial class ASYNC10xBlockingCallAnalyzer
{
    private sealed partial class CompilationAnalysis
    {
        /// <summary>
        /// <c>parser.ParseDocument(html)</c>, <c>json.Serialize(value, options)</c>: parsing text or bytes already in memory,
        /// or serializing to a string or bytes. It is CPU work; the async twin exists for a stream source or to load more,
        /// and given the same string it only wraps the same work. No argument or receiver is a stream, reader or writer.
        /// </summary>
        private bool ConvertsInMemory(IInvocationOperation invocation, IOperation? receiver)
        {
            var method = invocation.TargetMethod;
            // "Serialize" as a word also finds Deserialize, DeserializeObject, SerializeToString.
            if ((!NamesAWord(method.Name, "Parse") && !NamesAWord(method.Name, "Serialize"))
                || NamesAWord(method.Name, "File") || IsStreamLike(receiver?.Type))
            {
                return false;
            }

            var contentInMemory = IsTextOrBytes(method.ReturnType);
            foreach (var argument in invocation.Arguments)
            {
                // The type the method receives: ParseDocument((string)json["content"]) is given a string.
                var type = argument.Value.Type;
                if (IsStreamLike(type) || IsStreamLike(Strip(argument.Value).Type)
                    || (type?.SpecialType == SpecialType.System_String && NamesALocation(argument.Parameter?.Name)))
                {
                    // ParseFile(path), Deserialize(url): the string says where to read from, and reading is I/O.
                    return false;
                }

                contentInMemory |= IsTextOrBytes(type);
            }

            return contentInMemory;
        }

        private static bool NamesALocation(string? parameterName)
        {
            if (parameterName is null)
            {
                return false;
            }

            foreach (var word in LocationWords)
            {
                if (parameterName.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly ImmutableArray<string> LocationWords = ImmutableArray.Create("path", "file", "uri", "url", "address", "location", "directory");

        private static bool IsTextOrBytes(ITypeSymbol? type)
            => type is not null
               && (type.SpecialType == SpecialType.System_String
                   || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte or SpecialType.System_Char });

        /// <summary>
        /// An in-memory receiver: a MemoryStream/StringReader/StringWriter (or derived, or listed in
        /// <c>asynclint.in_memory_types</c>), <c>Stream.Null</c>-like sinks, a local initialized with one, or a reader,
        /// writer or stream wrapped around one (<c>new StreamReader(new MemoryStream(bytes))</c>,
        /// <c>XmlReader.Create(new StringReader(xml))</c>, <c>TextWriter.Synchronized(stringWriter)</c>).
        /// </summary>
        private bool IsInMemory(IOperation? value, ImmutableHashSet<string> configured, int depth)
        {
            if (value is null)
            {
                return false;
            }

            value = Strip(value);
            if (IsInMemoryType(value.Type, configured))
            {
                return true;
            }

            if (depth >= 8)
            {
                return false;
            }

            switch (value)
            {
                // Request content built here from values (new StringContent(json), FormEncoder.CreateHttpContent(options)):
                // HttpContent reads it back from memory.
                case IObjectCreationOperation { Type: { } contentType } creation when contentType.InheritsFromOrEquals(blocking.HttpContent):
                    return IsBuiltFromValues(creation, creation.Arguments, configured, depth);
                case IInvocationOperation { Type: { } builtType, TargetMethod.Name: var builder } build
                    when (builder.StartsWith("Create", StringComparison.Ordinal) || builder.StartsWith("Build", StringComparison.Ordinal))
                         && builtType.InheritsFromOrEquals(blocking.HttpContent):
                    return IsBuiltFromValues(build, build.Arguments, configured, depth);

                // new Utf8JsonWriter(pipeWriter): over an IBufferWriter<byte> both Flush and FlushAsync only advance the buffer
                // writer (a PipeWriter's own FlushAsync is the I/O); over a Stream they write to it, and that stays I/O.
                case IObjectCreationOperation { Constructor.Parameters: { Length: > 0 } parameters } jsonWriter
                    when IsUtf8JsonWriter(jsonWriter.Type) && IsBufferWriterInterface(parameters[0].Type):
                    return true;

                case IObjectCreationOperation creation when IsStreamLike(creation.Type):
                    return IsInMemory(ArgumentAt(creation.Arguments, 0), configured, depth + 1);

                // new JsonTextReader(new StringReader(json)): a library's reader or writer over in-memory readers, streams
                // or writers reads and writes only memory. (A client given an in-memory log writer still talks to its server.)
                case IObjectCreationOperation { Type.Name: var readerName } creation
                    when (readerName.EndsWith("Reader", StringComparison.Ordinal) || readerName.EndsWith("Writer", StringComparison.Ordinal))
                         && StreamArgumentsAllInMemory(creation.Arguments, skip: null, configured, depth):
                    return true;

                case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Create" or "Synchronized" } } factory
                    when twins.IsFrameworkIoType(factory.TargetMethod.ContainingType):
                    return IsInMemory(ArgumentAt(factory.Arguments, 0), configured, depth + 1);

                // Stream.Null, TextWriter.Null, StreamReader.Null: sinks and sources that never touch a device.
                case IFieldReferenceOperation { Field: { IsStatic: true, Name: "Null" } } nullObject
                    when blocking.IsWrapperType(nullObject.Field.ContainingType):
                    return true;

                case ILocalReferenceOperation local:
                    return (AssignedValue.Initializer(local) ?? IteratedCollection(local)) is { } initial && !IsNoValue(initial)
                        ? IsInMemory(initial, configured, depth + 1)

                        // Stream? data = null; then data = new MemoryStream() (or a pool's) on every path that sets it.
                        : AssignedValue.All(local) is { IsEmpty: false } assigned && assigned.All(v => IsNoValue(v) || IsInMemory(v, configured, depth + 1))
                          && !assigned.All(IsNoValue);

                // ResponseStream = await response.Content.ReadAsStreamAsync(); … new StreamReader(ResponseStream).
                case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } own when IsStreamLike(own.Type):
                    return IsInMemory(AssignedValue.Earlier(own), configured, depth + 1);

                // An archive's entries, and the streams they open, are views of the archive's own stream:
                // new ZipArchive(new MemoryStream(bytes)) → archive.Entries / archive.GetEntry(name) → entry.Open().
                case IPropertyReferenceOperation { Property.Name: "Entries", Instance: { } archive } when IsZipType(archive.Type, "ZipArchive"):
                    return IsInMemory(archive, configured, depth + 1);
                case IInvocationOperation { TargetMethod.Name: "GetEntry", Instance: { } archive } when IsZipType(archive.Type, "ZipArchive"):
                    return IsInMemory(archive, configured, depth + 1);
                case IInvocationOperation { TargetMethod.Name: "Open", Instance: { } entry } when IsZipType(entry.Type, "ZipArchiveEntry"):
                    return IsInMemory(entry, configured, depth + 1);

                // archive.Entries[0], archive.Entries.First(e => …): one of the entries.
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } entries } when IsZipType(value.Type, "ZipArchiveEntry"):
                    return IsInMemory(entries, configured, depth + 1);
                case IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 } pick when IsZipType(value.Type, "ZipArchiveEntry"):
                    return IsInMemory(pick.Arguments[0].Value, configured, depth + 1);

                // An embedded resource: GetManifestResourceStream hands back an UnmanagedMemoryStream over the loaded image.
                case IInvocationOperation { TargetMethod.Name: "GetManifestResourceStream" }:
                    return true;

                // await x.ReadAsync(...) results aside: a wrapper factory given only an in-memory stream (Open(memory),
                // new-style helpers), or a helper of this file whose one returned value is in memory.
                // (A failed test falls through to the cases below: lease.AsStream() is still a view of a buffer.)
                case IInvocationOperation call when IsStreamLike(call.Type)
                                                    && (OnlyStreamArgumentInMemory(call, configured, depth)
                                                        || (HelperSource.ReturnedOperation(call) is { } returned && !IsNullObject(returned) && IsInMemory(returned, configured, depth + 1))):
                    return true;

                case IAwaitOperation { Operation: IInvocationOperation awaited } when ReturnedLocalValue(WithoutConfigureAwait(awaited)) is { } buffered && IsInMemory(buffered, configured, depth + 1):
                    return true;

                // The stream request content reads back into: as in memory as the content (see IsBuiltFromValues).
                case IAwaitOperation { Operation: IInvocationOperation awaited } when ReadsContentStream(WithoutConfigureAwait(awaited)) is { } content:
                    return IsInMemory(content, configured, depth + 1);
                case IInvocationOperation read when ReadsContentStream(read) is { } content:
                    return IsInMemory(content, configured, depth + 1);

                // The content of a response HttpClient read whole before returning it (no ResponseHeadersRead).
                case IPropertyReferenceOperation content when BufferedHttpResponse.IsContentOfBufferedResponse(content, blocking.HttpClient):
                    return true;

                // content?.Write(...): the receiver is what the ?. tested.
                case IConditionalAccessInstanceOperation instance when ConditionalAccessOf(instance) is { } access:
                    return IsInMemory(access.Operation, configured, depth + 1);

                // copy ? new MemoryStream() : null — each arm in memory, or no stream at all.
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return (IsNullObject(conditional.WhenTrue) || IsInMemory(conditional.WhenTrue, configured, depth + 1))
                           && (IsNullObject(whenFalse) || IsInMemory(whenFalse, configured, depth + 1))
                           && !(IsNullObject(conditional.WhenTrue) && IsNullObject(whenFalse));

                // lease.AsStream(), bytes.AsStream(), memory.AsStream(ownsLease: false): a stream made from a buffer
                // already in memory, given nothing else but options.
                case IInvocationOperation view when IsMemoryBuffer(Receiver(view, view.TargetMethod)?.Type) && OnlyOptions(view):
                    return true;

                // response.ContentStream, a get-only stream property its type only ever sets to a MemoryStream it filled.
                case IPropertyReferenceOperation { Property: var held } when IsStreamLike(held.Type):
                    return memoryOnlyProperties.GetOrAdd(held.OriginalDefinition, static p => HoldsOnlyAMemoryStream((IPropertySymbol)p));

                // A private field that is only ever set to an in-memory stream, or to a wrapper of one:
                // _buffer = new MemoryStream(); _inflater = new DeflateStream(_buffer, ...), wherever the type resets them.
                case IFieldReferenceOperation { Field.DeclaredAccessibility: Accessibility.Private } field
                    when value.SemanticModel is { } model && MayHoldAStream(field.Field.Type, configured):
                    return fieldValues.GetOrAdd(field.Field.OriginalDefinition, f => FieldValues((IFieldSymbol)f, model)) is { IsDefaultOrEmpty: false } values
                        && values.All(v => IsInMemory(v, configured, depth + 1));

                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>memory.CopyTo(file)</c>, <c>content.CopyTo(networkStream)</c>: the receiver is in memory, but the bytes go to
        /// a stream argument that is not known to be, and that write is the I/O the async twin makes asynchronous.
        /// </summary>
        private bool HandsBytesToADevice(IInvocationOperation invocation, IOperation? receiver, ImmutableHashSet<string> configured)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && !ReferenceEquals(argument.Value, receiver)
                    && (argument.Value.Type.InheritsFromOrEquals(blocking.Stream) || argument.Value.Type.InheritsFromOrEquals(blocking.TextWriter))
                    && !IsInMemory(argument.Value, configured, depth: 1))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>md5.ComputeHash(memory)</c>, <c>JsonSerializer.Deserialize(resource)</c> on an instance of a type that does no I/O
        /// itself: the only I/O the twin would make asynchronous is on its stream argument, and that stream is in memory.
        /// </summary>
        private bool HasInMemoryStreamArgument(IInvocationOperation invocation, IOperation? receiver, ImmutableHashSet<string> configured)
        {
            // Only a framework type is known to do no I/O of its own (HashAlgorithm); a library's object given a log
            // writer (Redis's multiplexer.Configure(new StringWriter())) still talks to its server.
            if (invocation.TargetMethod.ContainingNamespace is not { } ns || !IsSystemNamespace(ns))
            {
                return false;
            }

            return StreamArgumentsAllInMemory(invocation.Arguments, receiver, configured, depth: 0);
        }

        /// <summary>
        /// A library's document writing itself into memory (<c>pdf.Save(memoryStream)</c>, <c>workbook.SaveAs(output)</c>,
        /// <c>image.WriteTo(buffer)</c>): a method named for saving or exporting the receiver, whose stream arguments are all
        /// in memory and which is given no location (a path, a URL) to write to. Its twin only awaits the same writes into
        /// memory. Other library calls handed an in-memory writer (<c>multiplexer.Configure(log)</c>) still do their own I/O.
        /// </summary>
        private bool SavesItselfIntoMemory(IInvocationOperation invocation, IOperation? receiver, ImmutableHashSet<string> configured)
            => invocation.TargetMethod.Name is "Save" or "SaveAs" or "SaveTo" or "WriteTo" or "Export" or "ExportTo" or "Serialize" or "SerializeTo"
               && WritesOnlyToMemory(invocation, receiver, configured);

        /// <summary>
        /// <c>element.Save(memory)</c>, <c>serializer.Serialize(memoryStream, value)</c>: an object that is no stream
        /// itself (for ASYNC104 a framework one; for a library's, <see cref="SavesItselfIntoMemory"/> adds the name), whose only I/O in this overload goes to its stream arguments, all in memory, and which is given no
        /// location to read or write (<c>Save(path)</c>, <c>CreateFromDirectory(directory, memory)</c> still touch the disk).
        /// </summary>
        private bool WritesOnlyToMemory(IInvocationOperation invocation, IOperation? receiver, ImmutableHashSet<string> configured)
        {
            if (invocation.TargetMethod.IsStatic || receiver?.Type is not { } receiverType || blocking.IsWrapperType(receiverType))
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.Type?.SpecialType == SpecialType.System_String && NamesALocation(argument.Parameter?.Name))
                {
                    return false;
                }
            }

            return StreamArgumentsAllInMemory(invocation.Arguments, receiver, configured, depth: 0);
        }

        private static bool IsSystemNamespace(INamespaceSymbol ns)
        {
            var outermost = ns;
            while (outermost.ContainingNamespace is { IsGlobalNamespace: false } parent)
            {
                outermost = parent;
            }

            return outermost.Name == "System";
        }

        /// <summary>System.Text.Json's <c>Utf8JsonWriter</c>.</summary>
        private static bool IsUtf8JsonWriter(ITypeSymbol? type)
            => type is INamedTypeSymbol { Name: "Utf8JsonWriter", ContainingNamespace: { Name: "Json", ContainingNamespace: { Name: "Text", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

        /// <summary>System.Buffers' <c>IBufferWriter&lt;T&gt;</c> itself (the parameter a constructor declares, not an implementation of it).</summary>
        private static bool IsBufferWriterInterface(ITypeSymbol? type)
            => type is INamedTypeSymbol { Name: "IBufferWriter", TypeKind: TypeKind.Interface, ContainingNamespace: { Name: "Buffers", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

        /// <summary>A call whose stream-typed arguments are all in memory, and there is at least one (a wrapper factory: <c>Open(memory)</c>), on no stream itself.</summary>
        private bool OnlyStreamArgumentInMemory(IInvocationOperation call, ImmutableHashSet<string> configured, int depth)
            => !IsStreamLike(call.Instance?.Type) && StreamArgumentsAllInMemory(call.Arguments, skip: null, configured, depth);

        /// <summary>Every stream-typed argument (but <paramref name="skip"/>) is in memory, and there is at least one.</summary>
        private bool StreamArgumentsAllInMemory(ImmutableArray<IArgumentOperation> arguments, IOperation? skip, ImmutableHashSet<string> configured, int depth)
        {
            var found = false;
            foreach (var argument in arguments)
            {
                // An option of an I/O namespace (SaveOptions, FileShare) is a value, not a stream.
                if (ReferenceEquals(argument.Value, skip) || argument.Value.Type is { IsValueType: true } || !IsStreamLike(argument.Value.Type))
                {
                    continue;
                }

                if (!IsInMemory(argument.Value, configured, depth + 1))
                {
                    return false;
                }

                found = true;
            }

            return found;
        }

        /// <summary>A stream, reader or writer: a framework wrapper type or a type of the framework's I/O namespaces (or derived from one).</summary>
        private bool IsStreamLike(ITypeSymbol? type)
            => type is not null && (blocking.IsWrapperType(type) || twins.IsFrameworkIoType(type));

        /// <summary><c>null</c> or <c>default</c>: a local declared before the code that gives it its value.</summary>
        private static bool IsNoValue(IOperation value)
            => Strip(value) is IDefaultValueOperation || value.ConstantValue is { HasValue: true, Value: null };

        /// <summary>
        /// <c>Stream.Null</c>, <c>null</c>, <c>default</c>: what a sample's stub helper returns in place of a real stream
        /// (<c>Stream AsStream() =&gt; Stream.Null;</c>). Used directly it never touches a device; behind a helper it stands for one.
        /// </summary>
        private static bool IsNullObject(IOperation value)
            => Strip(value) is IFieldReferenceOperation { Field: { IsStatic: true, Name: "Null" } } or IDefaultValueOperation
               || value.ConstantValue is { HasValue: true, Value: null };

        private static IConditionalAccessOperation? ConditionalAccessOf(IConditionalAccessInstanceOperation instance)
        {
            for (var current = instance.Parent; current is not null; current = current.Parent)
            {
                if (current is IConditionalAccessOperation access)
                {
                    return access;
                }
            }

            return null;
        }

        /// <summary><c>F().ConfigureAwait(false)</c> → <c>F()</c>.</summary>
        private static IInvocationOperation WithoutConfigureAwait(IInvocationOperation invocation)
            => invocation is { TargetMethod.Name: "ConfigureAwait", Instance: IInvocationOperation inner } ? inner : invocation;

        /// <summary>
        /// For an async helper of this file that returns one local (<c>var memory = new MemoryStream(); await x.CopyToAsync(memory);
        /// return memory;</c>): that local's initializer. Null otherwise.
        /// </summary>
        private static IOperation? ReturnedLocalValue(IInvocationOperation call)
            => HelperSource.ReturnedOperation(call) is ILocalReferenceOperation local ? AssignedValue.Initializer(local) : null;

        /// <summary>
        /// Can a field of this type be given an in-memory stream, reader or writer? Not when it is a class or struct outside
        /// the framework's I/O and wrapper types (a connector's own buffer type): then its values need not be read at all.
        /// </summary>
        private bool MayHoldAStream(ITypeSymbol type, ImmutableHashSet<string> configured)
            => !configured.IsEmpty
               || type.TypeKind is not (TypeKind.Class or TypeKind.Struct)
               || type.SpecialType == SpecialType.System_Object
               || blocking.IsWrapperType(type)
               || twins.IsFrameworkIoType(type);

        /// <summary>
        /// Every value a private field is given in its type's declaration in this tree: its initializer and every
        /// assignment (a private field is assigned nowhere else). Default when it is also written some other way
        /// (compound assignment, ref or out argument) or the type has other parts.
        /// </summary>
        private static ImmutableArray<IOperation> FieldValues(IFieldSymbol field, SemanticModel model)
        {
            var type = field.ContainingType;
            if (field.DeclaringSyntaxReferences.Length != 1
                || type.DeclaringSyntaxReferences.Length != 1
                || type.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree
                || field.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax declarator
                || type.DeclaringSyntaxReferences[0].GetSyntax() is not TypeDeclarationSyntax declaration)
            {
                return default;
            }

            var values = ImmutableArray.CreateBuilder<IOperation>();
            if (declarator.Initializer?.Value is { } initializer && model.GetOperation(initializer) is { } initial)
            {
                values.Add(initial);
            }

            foreach (var node in declaration.DescendantNodes())
            {
                if (node is ArgumentSyntax { RefKindKeyword.RawKind: not 0 } byReference && Names(byReference.Expression, field))
                {
                    return default;
                }

                if (node is not AssignmentExpressionSyntax assignment || !Names(assignment.Left, field))
                {
                    continue;
                }

                if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || model.GetOperation(assignment.Right) is not { } assigned)
                {
                    return default;
                }

                values.Add(assigned);
            }

            return values.ToImmutable();
        }

        /// <summary>
        /// Every argument the callers give a parameter of a private method (or of a local function) in this tree: its type's
        /// declaration (the enclosing member's body for a local function) holds every call. Default when the method is
        /// not private, the type has other parts, the method is named otherwise than in a call (a method group, a
        /// delegate), or a call leaves the parameter to its default value.
        /// </summary>
        private static ImmutableArray<IOperation> ParameterValues(IParameterSymbol parameter, SemanticModel model)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol method
                || !(method.MethodKind == MethodKind.LocalFunction || (method.MethodKind == MethodKind.Ordinary && method.DeclaredAccessibility == Accessibility.Private))
                || method.ContainingType.DeclaringSyntaxReferences.Length != 1
                || method.ContainingType.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree)
            {
                return default;
            }

            var scope = method.MethodKind == MethodKind.LocalFunction
                ? method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax().Parent
                : method.ContainingType.DeclaringSyntaxReferences[0].GetSyntax();
            if (scope is null)
            {
                return default;
            }

            var values = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var node in scope.DescendantNodes())
            {
                if (node is not SimpleNameSyntax name || name.Identifier.ValueText != method.Name)
                {
                    continue;
                }

                var called = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (ExpressionSyntax)name;
                if (called.Parent is not InvocationExpressionSyntax call || call.Expression != called
                    || model.GetOperation(call) is not IInvocationOperation invocation)
                {
                    return default;
                }

                if (!invocation.TargetMethod.OriginalDefinition.Is(method.OriginalDefinition))
                {
                    continue;
                }

                var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Ordinal);
                if (argument is null || argument.ArgumentKind != ArgumentKind.Explicit)
                {
                    return default;
                }

                values.Add(argument.Value);
            }

            return values.ToImmutable();
        }

        /// <summary>
        /// A get-only auto-property of a stream type that its own type sets, in every assignment, to a <c>MemoryStream</c>:
        /// created there (<c>ContentStream = new MemoryStream(bytes)</c>), through a local of that constructor declared as one
        /// (<c>MemoryStream buffer = new(); content.CopyTo(buffer); ContentStream = buffer;</c>), or copied from the same
        /// property of another instance (<c>ContentStream = other.ContentStream</c>). A buffered copy: reading it reads
        /// memory. Any other value (a stream the constructor was handed) keeps the property a possible device. Syntax only.
        /// </summary>
        private static bool HoldsOnlyAMemoryStream(IPropertySymbol property)
        {
            if (property.DeclaringSyntaxReferences is not { Length: 1 } references
                || references[0].GetSyntax() is not PropertyDeclarationSyntax { AccessorList.Accessors: { Count: 1 } accessors, Initializer: null } declaration
                || accessors[0] is not { Body: null, ExpressionBody: null } getter || !getter.IsKind(SyntaxKind.GetAccessorDeclaration)
                || declaration.Parent is not TypeDeclarationSyntax type
                || property.ContainingType.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var assignments = 0;
            foreach (var node in type.DescendantNodes())
            {
                if (node is not AssignmentExpressionSyntax assignment
                    || (assignment.Left is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self ? self.Name : assignment.Left) is not IdentifierNameSyntax { Identifier.ValueText: var name }
                    || name != property.Name)
                {
                    continue;
                }

                if (!IsMemoryStreamSyntax(assignment.Right, assignment, property.Name))
                {
                    return false;
                }

                assignments++;
            }

            return assignments > 0;
        }

        private static bool IsMemoryStreamSyntax(ExpressionSyntax value, SyntaxNode at, string propertyName) => value switch
        {
            ObjectCreationExpressionSyntax { Type: var created } => HelperSource.RightmostName(created) == "MemoryStream",
            MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax, Name.Identifier.ValueText: var copied } => copied == propertyName,
            IdentifierNameSyntax { Identifier.ValueText: var local } => DeclaredAsMemoryStream(local, at),
            _ => false,
        };

        /// <summary><c>MemoryStream buffer = new();</c> or <c>var buffer = new MemoryStream();</c> in the function around <paramref name="at"/>.</summary>
        private static bool DeclaredAsMemoryStream(string local, SyntaxNode at)
        {
            var function = at.FirstAncestorOrSelf<SyntaxNode>(static n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
            if (function is null)
            {
                return false;
            }

            foreach (var node in function.DescendantNodes())
            {
                if (node is VariableDeclaratorSyntax { Identifier.ValueText: var name, Initializer.Value: var initial } declarator && name == local
                    && declarator.Parent is VariableDeclarationSyntax { Type: var declared })
                {
                    return HelperSource.RightmostName(declared) == "MemoryStream"
                           || (initial is ObjectCreationExpressionSyntax { Type: var created } && HelperSource.RightmostName(created) == "MemoryStream");
                }
            }

            return false;
        }

        /// <summary><c>field</c> or <c>this.field</c>.</summary>
        private static bool Names(ExpressionSyntax expression, IFieldSymbol field)
        {
            var target = expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member ? member.Name : expression;
            return target is IdentifierNameSyntax name && name.Identifier.ValueText == field.Name;
        }

        private bool IsInMemoryType(ITypeSymbol? type, ImmutableHashSet<string> configured)
        {
            if (type is null)
            {
                return false;
            }

            if (blocking.IsBuiltInInMemoryType(type) || IsInMemorySourceStream(type) || IsNamedInMemory(type))
            {
                return true;
            }

            if (configured.IsEmpty)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (MatchesName(current, configured, member: null))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A class that says by its name that it keeps everything in memory (<c>InMemoryOutbox</c>, <c>InMemoryEventStore</c>,
        /// or a class derived from one): the in-memory implementation of an I/O-shaped API, whose sync methods do not block.
        /// </summary>
        private static bool IsNamedInMemory(ITypeSymbol type)
        {
            for (var current = type as INamedTypeSymbol; current is { TypeKind: TypeKind.Class }; current = current.BaseType)
            {
                if (current.Name.StartsWith("InMemory", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A stream class of this project (or a referenced project) that keeps its bytes in memory (MimeKit's
        /// <c>MemoryBlockStream</c>): its own <c>Read</c> and <c>Write</c> overrides both have source without a blocking step,
        /// or it is a write-only sink (a signature or hash stream) whose <c>Read</c> always throws.
        /// A stream that overrides neither, or forwards to another stream, is not known to be in memory.
        /// </summary>
        private bool IsInMemorySourceStream(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named || named.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            return inMemorySourceStreams.GetOrAdd(named.OriginalDefinition, t =>
            {
                if (!twins.IsFrameworkIoType(t))
                {
                    return false;
                }

                // Read may also refuse outright: a write-only sink that hashes or counts what it is given.
                var read = false;
                var write = false;
                foreach (var member in t.GetMembers())
                {
                    if (member is IMethodSymbol { IsOverride: true, Parameters.Length: 3, Name: "Read" or "Write" } method
                        && method.Parameters[0].Type is IArrayTypeSymbol)
                    {
                        var inMemory = SourceMethodEvidence.KeepsBytesInMemory(method);
                        read |= method.Name == "Read" && (inMemory || SourceMethodEvidence.AlwaysThrows(method));
                        write |= method.Name == "Write" && inMemory;
                    }
                }

                return read && write;
            });
        }

        /// <summary>
        /// A buffer that holds its bytes in memory: an array, <c>Memory&lt;T&gt;</c>, <c>ReadOnlyMemory&lt;T&gt;</c>,
        /// <c>ReadOnlySequence&lt;T&gt;</c>, <c>ArraySegment&lt;T&gt;</c>, <c>BinaryData</c>, an <c>IMemoryOwner&lt;T&gt;</c> (a pooled lease),
        /// or a class that implements <c>IBufferWriter&lt;T&gt;</c> and is neither a pipe's writer nor a stream.
        /// </summary>
        private static bool IsMemoryBuffer(ITypeSymbol? type)
        {
            switch (type)
            {
                case null:
                    return false;
                case IArrayTypeSymbol:
                    return true;
                case INamedTypeSymbol named when IsMemoryBufferName(named):
                    return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.Name == "IMemoryOwner" && IsSystemBuffers(implemented))
                {
                    return true;
                }

                // ArrayBufferWriter, a pooled buffer writer: a class that collects what is written in memory. A pipe's
                // writer is one too, but its stream reaches a socket or a file.
                if (implemented.Name == "IBufferWriter" && IsSystemBuffers(implemented) && type.TypeKind == TypeKind.Class && !WritesToAPipeOrStream(type))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool WritesToAPipeOrStream(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name == "PipeWriter" || current.Name.EndsWith("Stream", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every argument besides the receiver is a value type or a string (a flag, a count, an encoding name).</summary>
        private static bool OnlyOptions(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            foreach (var argument in invocation.Arguments)
            {
                if (method.IsExtensionMethod && argument.Parameter?.Ordinal == 0)
                {
                    continue;
                }

                if (argument.Parameter?.Type is not { } type || !(type.IsValueType || type.SpecialType == SpecialType.System_String))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsMemoryBufferName(INamedTypeSymbol type) => type.Name switch
        {
            "Memory" or "ReadOnlyMemory" or "ArraySegment" => type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true },
            "ReadOnlySequence" or "IMemoryOwner" => IsSystemBuffers(type),
            "BinaryData" => type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true },
            _ => false,
        };

        private static bool IsSystemBuffers(INamedTypeSymbol type)
            => type.ContainingNamespace.IsNamespace("System.Buffers");

        /// <summary>
        /// Request content created here from values, not received: <c>new StringContent(json)</c>, <c>new
        /// FormUrlEncodedContent(pairs)</c>, a project's <c>ByteArrayContent</c> or multipart class given no stream, or what a
        /// <c>Create…</c>/<c>Build…</c> method returns as HttpContent given no stream (<c>FormEncoder.CreateHttpContent(options)</c>).
        /// HttpContent buffers such content into memory to read it back; a <c>StreamContent</c> reads its stream.
        /// </summary>
        private bool IsBuiltFromValues(IOperation built, ImmutableArray<IArgumentOperation> arguments, ImmutableHashSet<string> configured, int depth)
        {
            if (built.Type.InheritsFromOrEquals(blocking.StreamContent))
            {
                return built is IObjectCreationOperation && IsInMemory(ArgumentAt(arguments, 0), configured, depth + 1);
            }

            foreach (var argument in arguments)
            {
                if (IsStreamLike(argument.Value.Type) || IsStreamLike(Strip(argument.Value).Type))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The content of <c>content.ReadAsStreamAsync()</c> or <c>content.ReadAsStream()</c> on an HttpContent; else null.</summary>
        private IOperation? ReadsContentStream(IInvocationOperation read)
            => read.TargetMethod.Name is "ReadAsStreamAsync" or "ReadAsStream"
               && read.Instance is { Type: { } type } content && type.InheritsFromOrEquals(blocking.HttpContent)
                ? content
                : null;

        private static bool IsZipType(ITypeSymbol? type, string name)
            => type is not null && type.Name == name && type.ContainingNamespace.IsNamespace("System.IO.Compression");

        /// <summary>The collection a <c>foreach</c> variable walks (<c>foreach (var entry in archive.Entries)</c>), from the same tree.</summary>
        private static IOperation? IteratedCollection(ILocalReferenceOperation local)
        {
            var references = local.Local.DeclaringSyntaxReferences;
            var model = local.SemanticModel;
            if (references.Length != 1 || model is null || references[0].SyntaxTree != model.SyntaxTree
                || references[0].GetSyntax() is not ForEachStatementSyntax each)
            {
                return null;
            }

            return model.GetOperation(each.Expression) is { } collection ? Strip(collection) : null;
        }
    }
}
