package lib.ports_test

import data.lib.ports
import rego.v1

test_covers_single_range_and_any if {
	ports.covers("8888", 8888)
	ports.covers(" 8888 ", 8888)
	ports.covers(8888, 8888)
	ports.covers("8000-8002", 8001)
	ports.covers("1-65535", 6006)
	ports.covers("*", 22)
}

test_covers_rejects_other_ports if {
	not ports.covers("8889", 8888)
	not ports.covers("8003-8010", 8002)
	not ports.covers("443", 22)
	not ports.covers("a-b", 22)
	not ports.covers("https", 443)
}

test_covers_unknown_is_not_a_port if {
	not ports.covers({"__unknown__": "var.p"}, 22)
}

test_exposed_names_ports_in_order if {
	ports.exposed(["8500-8501", "8888"], ports.ml_tools) == ["Jupyter (8888)", "TF Serving gRPC (8500)", "TF Serving REST (8501)"]
	ports.exposed(["8000-8002"], ports.ml_tools) == ["Triton HTTP (8000)", "Triton gRPC (8001)", "Triton metrics (8002)"]
	ports.exposed(["22"], ports.admin) == ["SSH (22)"]
	ports.exposed(["443"], ports.ml_tools) == []
}

test_internet_sources if {
	ports.is_internet("0.0.0.0/0")
	ports.is_internet("Internet")
	ports.is_internet("*")
	ports.is_internet("::/0")
	not ports.is_internet("10.0.0.0/8")
	not ports.is_internet({"__unknown__": "var.cidr"})
}

test_only_shared_with_web_servers if {
	ports.only_shared(["5000"], ports.ml_tools)
	ports.only_shared(["8000-8002"], ports.ml_tools)
	not ports.only_shared(["5000", "8888"], ports.ml_tools)
	not ports.only_shared(["*"], ports.ml_tools)
	not ports.only_shared(["443"], ports.ml_tools)
}
