"""`python -m rewriter`: the same as the `rewriter` console script."""

from rewriter.launcher import main

main()
