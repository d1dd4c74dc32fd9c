"""Parliaments' official records (Hansard and its kin): speaker lines, furniture, the
parliament and its zone, and the turns of a sitting as posts."""
