"""The counter's workspaces (提货, 销售/下单, 缴费, 会员, 日结, 同步), one module each."""
