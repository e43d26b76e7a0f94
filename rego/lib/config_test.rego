package lib.config_test

import data.lib.config
import rego.v1

test_value_default_when_absent_or_null if {
	config.value({}, "a", "d") == "d"
	config.value({"a": null}, "a", "d") == "d"
	config.value({"a": false}, "a", true) == false
}

test_has_counts_unknown_as_set if {
	config.has({"a": {"__unknown__": "var.x"}}, "a")
	not config.has({"a": null}, "a")
	not config.has({}, "a")
}

test_booleans_as_strings if {
	config.is_true("true")
	config.is_true(true)
	config.is_false("false")
	config.is_false(false)
	every v in [{"__unknown__": "var.x"}, "yes", null] {
		not config.is_true(v)
		not config.is_false(v)
	}
}

test_is_set_rejects_empty_string if {
	config.is_set({"a": "k"}, "a")
	not config.is_set({"a": ""}, "a")
}

test_blocks if {
	config.blocks({"b": [{"x": 1}]}, "b") == [{"x": 1}]
	config.blocks({}, "b") == []
	config.blocks({"b": {"__unknown__": "x"}}, "b") == []
}

test_nested_follows_block_path if {
	obj := {"a": [{"b": [{"k": 1}, {"k": 2}]}, {"b": [{"k": 3}]}]}
	[x.k | some x in config.nested(obj, ["a", "b"])] == [1, 2, 3]
	config.nested(obj, []) == [obj]
	config.nested({}, ["a", "b"]) == []
}

test_path_unknown if {
	config.path_unknown({"a": [{"b": {"__unknown__": "x"}}]}, ["a", "b"])
	config.path_unknown({"a": {"__unknown__": "x"}}, ["a", "b"])
	not config.path_unknown({"a": [{"b": []}]}, ["a", "b"])
}

test_path_unknown_at_every_depth if {
	config.path_unknown({"a": {"__unknown__": "x"}}, ["a"])
	config.path_unknown({"a": [{"b": [{"c": {"__unknown__": "x"}}]}]}, ["a", "b", "c"])
	config.path_unknown({"a": [{"b": [{"c": [{"d": {"__unknown__": "x"}}]}]}]}, ["a", "b", "c", "d"])
	not config.path_unknown({"a": [{"b": [{"c": []}]}]}, ["a", "b", "c"])
	not config.path_unknown({"a": {"__unknown__": "x"}}, [])
	not config.path_unknown({"a": [{"b": {"__unknown__": "x"}}]}, ["a"])
}
