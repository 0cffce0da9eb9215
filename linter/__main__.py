from .cli import main

main(prog_name="cortex-workflow-lint")
