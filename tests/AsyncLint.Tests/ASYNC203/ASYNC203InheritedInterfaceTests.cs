using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>;

namespace AsyncLint.Tests.ASYNC203;

/// <summary>
/// <c>public async void Execute(object parameter)</c> on a command base class whose derived classes declare
/// <c>ICommand</c> and inherit it as the implementation: the interface imposes the signature, as on the class that
/// declares it. A base whose derived classes implement no interface with it, or a non-public method, is reported.
/// </summary>
public sealed class ASYNC203InheritedInterfaceTests
{
    private const string Command = """
        using System;
        using System.Threading.Tasks;

        public interface ICommand { bool CanExecute(object parameter); void Execute(object parameter); }

        """;

    [Fact]
    public Task A_base_method_a_derived_class_maps_to_its_interface_is_silent() => VerifyAnalyzer.AnalyzerAsync(Command + """
        public abstract class AsyncCommandBase
        {
            public bool CanExecute(object parameter) => true;

            public async void Execute(object parameter)
            {
                try { await ExecuteAsync(parameter); }
                finally { Console.WriteLine("done"); }
            }

            protected abstract Task ExecuteAsync(object parameter);
        }

        public sealed class AsyncCommand : AsyncCommandBase, ICommand
        {
            private readonly Func<Task> work;
            public AsyncCommand(Func<Task> work) => this.work = work;
            protected override Task ExecuteAsync(object parameter) => work();
        }

        public sealed class AsyncCommand<T> : AsyncCommandBase, ICommand
        {
            private readonly Func<T, Task> work;
            public AsyncCommand(Func<T, Task> work) => this.work = work;
            protected override Task ExecuteAsync(object parameter) => work((T)parameter);
        }
        """);

    [Fact]
    public Task A_base_method_no_interface_imposes_is_reported() => VerifyAnalyzer.AnalyzerAsync(Command + """
        public abstract class Runner
        {
            public async void {|ASYNC203:Run|}(object parameter)
            {
                await Task.Delay(10);
                Console.WriteLine(parameter);
            }

            internal async void {|ASYNC203:Execute|}(object parameter)
            {
                await Task.Delay(10);
            }
        }

        public sealed class NamedRunner : Runner, ICommand
        {
            public bool CanExecute(object parameter) => true;
            void ICommand.Execute(object parameter) { }
        }
        """);
}
