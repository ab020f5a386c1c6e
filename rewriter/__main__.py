"""`python -m rewriter`: the same as the `rewriter` console script."""

from rewriter.launcher import main

if __name__ == "__main__":  # not when a spawned worker process imports this module
    main()
