using Xunit;

// One test at a time in this assembly: libtorch's thread count, its thread pools and its default generator are
// process-wide, and Trainer.Run and Predictor set the thread count (Native/TorchThreads; torch.set_num_threads
// recreates the pool that other tests' convolutions are using). A run of this assembly on CI ended with its test
// host aborted; serial execution removes the only cross-test sharing of native state that the tests do not control.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
