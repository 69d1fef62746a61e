import type { ComponentChildren } from 'preact';

/** A data table with a header row of column names; the caller gives the body's rows. */
export function Table(props: { caption?: string; columns: string[]; children: ComponentChildren }) {
	return (
		<table class="table">
			{props.caption && <caption>{props.caption}</caption>}
			<thead>
				<tr>
					{props.columns.map((column) => (
						<th key={column} scope="col">
							{column}
						</th>
					))}
				</tr>
			</thead>
			<tbody>{props.children}</tbody>
		</table>
	);
}
