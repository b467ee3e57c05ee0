#!/bin/bash
# Queues the sweep array and a merge that starts only once every array task has succeeded.
#   export SPEC=$HOME/sweeps/experiment.json RESULTS=$HOME/sweeps/results
#   bash deploy/slurm/submit.sh
set -euo pipefail
here=$(dirname "$0")
sweep=$(sbatch --parsable --export=ALL "$here/levbt-sweep.sbatch")
sbatch --dependency="afterok:${sweep%%;*}" --export=ALL "$here/levbt-merge.sbatch"
