"""Azure ML shapes driver for the generated Python SDKs (see tests/shapes/__init__.py)."""

import json
import sys

mode, rows = sys.argv[1], json.loads(sys.argv[3])
FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
if mode == "powerbi":
    from powerbi_client import Client, ServiceInput, ServiceInputInputs, ServiceInputInputsPatientsItem

    patients = [ServiceInputInputsPatientsItem(**dict(zip(FEATURES, row))) for row in rows]
    with Client() as client:
        out = client.run_ml_service(ServiceInput(inputs=ServiceInputInputs(patients=patients, label="clinic"),
                                                 global_parameters=2.0))
    print(json.dumps({"results": out.results}))
else:
    from raw_client import Client

    with Client(credential="key-123") as client:
        response = client.send("POST", "/score", body=bytes(range(256)) * 4,
                               headers={"Content-Type": "application/octet-stream"})
    print(json.dumps(response.json()))
