"""How many: number phrases of a sentence (`quantities`), whom a count covers (`victims`),
and the folding of several tellings of a toll (`tolls`)."""
