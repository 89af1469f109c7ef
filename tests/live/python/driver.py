"""Live driver for the generated Python SDK: calls the real scoring service the way a user would.

Arguments: ROWS_JSON BASE_URL. Prints one JSON object: base_url (the client's default: where the spec was
fetched from), health, scores, async_scores, error ([status, message, parsed model's class name]).
"""

import asyncio
import json
import sys

from azml_client import ApiError, AsyncClient, Client, ServiceInput

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
print(json.dumps(out))
