"""Fuzzing (issue 13 item 10): hypothesis profiles, the share of examples each kind of test gets, and the count
of generated inputs printed at the end of the run.

    HYPOTHESIS_PROFILE=ci    derandomized (the same inputs every run), a few examples a test: 693 inputs, 8.5 min
                             on the shared 2-core machine under load (make fuzz-ci, .ci/run)
    HYPOTHESIS_PROFILE=long  random, enough examples that a run generates more than 10,000 inputs (make fuzz)

The tests carry the mark `fuzz`, which `make test` leaves out (pyproject.toml addopts).
"""


from hypothesis import HealthCheck, settings

from tests.fuzz.strategies import INPUTS, OUTCOMES, PROFILE

# The tests use pytest-django's function-scoped database and the cast's fixtures for all of a test's examples:
# each example checks what it wrote itself (database_state before and after), so sharing them is intended.
COMMON = {
    "deadline": None,  # a request on a loaded 2-core machine takes what it takes
    "database": None,  # no .hypothesis folder in the work tree; a failure prints its input
    "print_blob": True,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large,
                              HealthCheck.filter_too_much, HealthCheck.large_base_example],
}
settings.register_profile("ci", derandomize=True, **COMMON)
settings.register_profile("long", **COMMON)
settings.load_profile(PROFILE)

def pytest_terminal_summary(terminalreporter):
    if INPUTS:
        parts = ", ".join(f"{kind} {n:,}" for kind, n in sorted(INPUTS.items()))
        terminalreporter.write_line(f"fuzz ({PROFILE} profile): {sum(INPUTS.values()):,} generated inputs ({parts})")
    if OUTCOMES:
        parts = ", ".join(f"{kind} {n:,}" for kind, n in sorted(OUTCOMES.items()))
        terminalreporter.write_line(f"fuzz outcomes: {parts}")
