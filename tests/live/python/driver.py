"""Live driver for the generated Python SDK: calls the real scoring service the way a user would.

Arguments: ROWS_JSON BASE_URL. Prints one JSON object: base_url (the client's default: where the spec was
fetched from), health, scores, async_scores, error ([status, message, parsed model's class name]). Scoring through
the caller's own httpx client with a response hook and per-call options must give the same scores (asserted here).
"""

import asyncio
import json
import sys

import httpx

from azml_client import ApiError, AsyncClient, Client, RequestOptions, ServiceInput

rows = json.loads(sys.argv[1])
out = {}
with Client() as client:
    out["base_url"] = client.base_url
    out["health"] = client.service_health_check()
    out["scores"] = client.run_ml_service(ServiceInput(data=rows))
    try:
        client.run_ml_service(ServiceInput(data=[[1.0, 2.0]]))
    except ApiError as error:
        out["error"] = [error.status_code, error.message, type(error.error).__name__]


async def run_async():
    async with AsyncClient(sys.argv[2]) as client:
        return await client.run_ml_service(ServiceInput(data=rows))


out["async_scores"] = asyncio.run(run_async())
statuses = []
with httpx.Client() as http:
    with Client(sys.argv[2], http_client=http, on_response=lambda response: statuses.append(response.status_code)) as own:
        options = RequestOptions(timeout=30.0, max_retries=0, headers={"azureml-model-deployment": "blue"})
        assert own.run_ml_service(ServiceInput(data=rows), request_options=options) == out["scores"]
    assert not http.is_closed and statuses == [200], statuses
print(json.dumps(out))
