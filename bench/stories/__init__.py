"""Our own development stories: fictional live blogs and articles in the shared gold format
(../shared/gold/README.md), written for this project so that reading can be measured on
text the rules were not written on. `python -m bench.stories.build` rebuilds each set's copy
and gold files from its hand tables; `python -m bench.stories.validate` checks them."""
